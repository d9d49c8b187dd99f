//! Command-line actions, kept here (not in `main.rs`) so tests can run them.

use domain::accounts::{self, NewAccount};
use domain::people::Perspective;
use sea_orm::DatabaseConnection;

/// `coboard user add`: creates an account; says in words what happened or what to fix.
pub async fn add_user(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    perspective: &str,
    password: Option<String>,
) -> Result<String, String> {
    let Some(perspective) = Perspective::parse(perspective) else {
        return Err(format!("--perspective must be one of expert, carer, staff, partner or other (not {perspective:?})."));
    };
    let new = NewAccount {
        display_name: name.to_owned(),
        email: email.to_owned(),
        perspective: Some(perspective),
        password,
        ..Default::default()
    };
    match accounts::create_account(db, new).await {
        Ok((person, true)) => Ok(format!(
            "Created an account for {}. As the first account, they are a co-chair of the board.",
            person.display_name
        )),
        Ok((person, false)) => Ok(format!(
            "Created an account for {}. A co-chair can now invite them into the board or a group.",
            person.display_name
        )),
        Err(err) => Err(format!("Could not create the account: {err}")),
    }
}

/// `coboard token create`: makes a personal access token for the account with `email`.
pub async fn create_token(db: &DatabaseConnection, email: &str, name: Option<&str>) -> Result<String, String> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let email = accounts::parse_email(email).map_err(|e| e.to_string())?;
    let person = domain::entities::person::Entity::find()
        .filter(domain::entities::person::Column::Email.eq(email.as_str()))
        .one(db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("There is no account with the email {email}. Create one with: coboard user add"))?;
    let (token, _) = accounts::create_api_token(db, person.id, name.unwrap_or("Command line")).await.map_err(|e| e.to_string())?;
    Ok(token)
}
