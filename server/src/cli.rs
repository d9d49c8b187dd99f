//! Command-line actions, kept here (not in `main.rs`) so tests can run them.

use domain::accounts::{self, NewAccount};
use domain::people::Perspective;
use domain::spaces::service as spaces;
use sea_orm::DatabaseConnection;

/// `coboard user add`: creates an account; says in words what happened or what to fix. On an
/// install with no board, `board` names the board to create first, with this account as its
/// co-chair; without it nothing is created, and the message says what to run instead.
pub async fn add_user(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    perspective: &str,
    password: Option<String>,
    board: Option<&str>,
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
    let failed = |err: domain::DomainError| format!("Could not create the account: {err}");
    // Everything about the account is checked before a board is made, so a typing mistake never
    // leaves a board behind with nobody leading it.
    accounts::check_new_account(&new).map_err(failed)?;
    if let Some(password) = new.password.as_deref() {
        accounts::check_new_password(password).map_err(failed)?;
    }
    let existing = spaces::home_board(db).await.map_err(failed)?;
    let created = match (existing, board.map(str::trim)) {
        (None, None | Some("")) => {
            return Err(
                "There is no board yet, so this account would have nothing to lead. Nothing was created. Run the same command again \
                 with --board \"The name of your board\" to create the board too, with this account as its co-chair; or load the \
                 demo board first with: coboard demo"
                    .into(),
            );
        }
        (Some(existing), Some(_)) => {
            return Err(format!(
                "There is already a board, {}. Nothing was created. Leave out --board to add this account to it.",
                existing.space.name
            ));
        }
        (None, Some(board_name)) => Some(
            spaces::create_board(db, spaces::NewBoard { name: board_name, purpose: domain::spaces::DEFAULT_BOARD_PURPOSE })
                .await
                .map_err(|err| format!("Could not create the board: {err}"))?,
        ),
        (Some(_), None) => None,
    };
    let (person, first) = accounts::create_account(db, new).await.map_err(failed)?;
    match created {
        Some(board) => {
            // The first account leads the board already; on an install that had accounts but no
            // board, whoever creates the board leads it, so it never starts without a co-chair.
            if !first {
                accounts::set_role(db, board.id, person.id, domain::people::Role::CoChair).await.map_err(failed)?;
            }
            Ok(format!("Created the board \u{201c}{}\u{201d} and an account for {}, who is its co-chair.", board.name, person.display_name))
        }
        None if first => Ok(format!("Created an account for {}. As the first account, they are a co-chair of the board.", person.display_name)),
        None => Ok(format!("Created an account for {}. A co-chair can now invite them into the board or a group.", person.display_name)),
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
