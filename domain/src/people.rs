//! People and their place in a space. A person's *perspective* is shown and counted, and never
//! used to grant or deny anything: permissions come from the role alone.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The experience a person brings. Shown on contributions and counted in reports only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Perspective {
    Expert,
    Carer,
    Staff,
    Partner,
    Other,
}

impl Perspective {
    pub const ALL: [Perspective; 5] = [Self::Expert, Self::Carer, Self::Staff, Self::Partner, Self::Other];

    /// The value stored in the database and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Expert => "expert",
            Self::Carer => "carer",
            Self::Staff => "staff",
            Self::Partner => "partner",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw.trim())
    }

    /// How the perspective reads on a page.
    pub fn label(self) -> &'static str {
        match self {
            Self::Expert => "Expert by experience",
            Self::Carer => "Family carer",
            Self::Staff => "Council staff",
            Self::Partner => "Partner organisation",
            Self::Other => "Other",
        }
    }

    /// "1 expert by experience", "2 experts by experience", "3 council staff".
    pub fn counted(self, n: usize) -> String {
        let words = match (self, n) {
            (_, 1) => return format!("1 {}", self.label().to_lowercase()),
            (Self::Expert, _) => "experts by experience",
            (Self::Carer, _) => "family carers",
            (Self::Staff, _) => "council staff",
            (Self::Partner, _) => "partner organisations",
            (Self::Other, _) => "other",
        };
        format!("{n} {words}")
    }
}

/// A role in one space (the board or a group). The same role gives the same permissions,
/// whoever holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Co-chair of the board, or convenor of a group: the same role by two names.
    CoChair,
    Member,
    Observer,
}

impl Role {
    pub const ALL: [Role; 3] = [Self::CoChair, Self::Member, Self::Observer];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::CoChair => "co_chair",
            Self::Member => "member",
            Self::Observer => "observer",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw.trim())
    }

    /// The role's name in a kind of space: the board's co-chairs are a group's convenors.
    pub fn name_in(self, kind: crate::spaces::SpaceKind) -> &'static str {
        match self {
            Self::CoChair => match kind {
                crate::spaces::SpaceKind::Board => "co-chair",
                crate::spaces::SpaceKind::Group => "convenor",
            },
            Self::Member => "member",
            Self::Observer => "observer",
        }
    }
}

/// A person as others see them on a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct PersonSummary {
    pub id: Uuid,
    pub display_name: String,
    pub pronouns: Option<String>,
    pub perspective: Perspective,
}

/// Someone holding a role in a space.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Member {
    pub person: PersonSummary,
    pub role: Role,
}

#[cfg(feature = "db")]
pub mod service {
    //! People services. Accounts (email, sign-in) arrive with the people issue; today a person
    //! is a name and a perspective, enough to show who chairs and convenes.

    use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
    use uuid::Uuid;

    use super::{Perspective, PersonSummary, Role};
    use crate::entities::{membership, person};
    use crate::{DomainError, DomainResult};

    /// People's display names by id, in one query whatever their number (a page listing N
    /// things by N people must not ask the database N times).
    pub async fn display_names(db: &impl ConnectionTrait, ids: Vec<Uuid>) -> DomainResult<std::collections::HashMap<Uuid, String>> {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
        if ids.is_empty() {
            return Ok(Default::default());
        }
        let ids: std::collections::HashSet<Uuid> = ids.into_iter().collect();
        Ok(person::Entity::find()
            .select_only()
            .column(person::Column::Id)
            .column(person::Column::DisplayName)
            .filter(person::Column::Id.is_in(ids))
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect())
    }

    /// The longest pronouns and access needs we keep: room for anything a person needs to say,
    /// and a bound on what every page and email carrying them must hold.
    pub const MAX_PRONOUNS_CHARS: usize = 40;
    pub const MAX_ACCESS_NEEDS_CHARS: usize = 2000;

    /// Refuses line breaks and other control characters in a field meant for one line. Names
    /// and titles go into email headers and bodies, where a line break could start a new header
    /// or make a message seem to say something Coboard did not write.
    pub fn check_single_line(field: &str, value: &str) -> DomainResult<()> {
        if value.chars().any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}') {
            return Err(DomainError::invalid(field, "Please keep this to one line, without line breaks or tabs."));
        }
        Ok(())
    }

    /// A display name: trimmed, 1 to 80 characters, on one line.
    pub fn parse_display_name(raw: &str) -> DomainResult<String> {
        let name = raw.trim();
        check_single_line("display_name", name)?;
        match name.chars().count() {
            0 => Err(DomainError::invalid("display_name", "Please write a name people will know you by.")),
            n if n > 80 => Err(DomainError::invalid("display_name", "Please keep the name to 80 characters or fewer.")),
            _ => Ok(name.to_owned()),
        }
    }

    /// Pronouns, if given: trimmed, on one line, at most `MAX_PRONOUNS_CHARS`.
    pub fn parse_pronouns(raw: Option<&str>) -> DomainResult<Option<String>> {
        let Some(pronouns) = raw.map(str::trim).filter(|p| !p.is_empty()) else {
            return Ok(None);
        };
        check_single_line("pronouns", pronouns)?;
        if pronouns.chars().count() > MAX_PRONOUNS_CHARS {
            return Err(DomainError::invalid("pronouns", format!("Please keep pronouns to {MAX_PRONOUNS_CHARS} characters or fewer, such as \"she/her\" or \"they/them\".")));
        }
        Ok(Some(pronouns.to_owned()))
    }

    /// Access needs, if given: trimmed, at most `MAX_ACCESS_NEEDS_CHARS`. Several lines are
    /// welcome here; other control characters are not.
    pub fn parse_access_needs(raw: Option<&str>) -> DomainResult<Option<String>> {
        let Some(needs) = raw.map(str::trim).filter(|a| !a.is_empty()) else {
            return Ok(None);
        };
        if needs.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
            return Err(DomainError::invalid("access_needs", "Please use ordinary text here; some characters typed could not be kept."));
        }
        if needs.chars().count() > MAX_ACCESS_NEEDS_CHARS {
            return Err(DomainError::invalid("access_needs", format!("Please keep this to {MAX_ACCESS_NEEDS_CHARS} characters or fewer. A co-chair can talk through anything more with you.")));
        }
        Ok(Some(needs.to_owned()))
    }

    #[tracing::instrument(skip_all)]
    pub async fn create_person(
        db: &impl ConnectionTrait,
        display_name: &str,
        pronouns: Option<&str>,
        perspective: Perspective,
    ) -> DomainResult<PersonSummary> {
        let display_name = parse_display_name(display_name)?;
        let pronouns = parse_pronouns(pronouns)?;
        let model = person::ActiveModel {
            id: Set(Uuid::now_v7()),
            display_name: Set(display_name),
            pronouns: Set(pronouns),
            perspective: Set(perspective.as_str().to_owned()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(model.into())
    }

    /// A person as others see them.
    pub async fn person(db: &impl ConnectionTrait, person_id: Uuid) -> DomainResult<PersonSummary> {
        use sea_orm::EntityTrait;
        person::Entity::find_by_id(person_id)
            .one(db)
            .await?
            .map(PersonSummary::from)
            .ok_or_else(|| DomainError::NotFound("We could not find that person.".into()))
    }

    /// A person's access needs and the spaces they belong to, with their role in each.
    #[tracing::instrument(skip_all)]
    pub async fn profile(
        db: &impl ConnectionTrait,
        person_id: Uuid,
    ) -> DomainResult<(Option<String>, Vec<(crate::spaces::Space, Role)>)> {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        let Some(found) = person::Entity::find_by_id(person_id).one(db).await? else {
            return Err(DomainError::NotFound("We could not find that person.".into()));
        };
        let spaces = membership::Entity::find()
            .filter(membership::Column::PersonId.eq(person_id))
            .find_also_related(crate::entities::space::Entity)
            .order_by_asc(membership::Column::CreatedAt)
            .all(db)
            .await?
            .into_iter()
            .filter_map(|(m, s)| Some((crate::spaces::Space::from(s?), Role::parse(&m.role)?)))
            .collect();
        Ok((found.access_needs, spaces))
    }

    /// A person's preferences, or the defaults if they have not chosen any.
    pub async fn preferences(db: &impl ConnectionTrait, person_id: Uuid) -> DomainResult<super::Preferences> {
        use sea_orm::EntityTrait;
        let Some(row) = crate::entities::preference::Entity::find_by_id(person_id).one(db).await? else {
            return Ok(super::Preferences::default());
        };
        Ok(super::Preferences {
            text_size: super::TextSize::parse(&row.text_size).unwrap_or(super::TextSize::Standard),
            high_contrast: row.contrast == "high",
            reduced_motion: row.reduced_motion,
            easy_read: row.easy_read,
            email_frequency: super::EmailFrequency::parse(&row.email_frequency).unwrap_or(super::EmailFrequency::Instant),
        })
    }

    /// Changes only how often a person is emailed; their other preferences stay as they are.
    pub async fn set_email_frequency(db: &impl ConnectionTrait, person_id: Uuid, frequency: super::EmailFrequency) -> DomainResult<()> {
        let mut prefs = preferences(db, person_id).await?;
        prefs.email_frequency = frequency;
        save_preferences(db, person_id, prefs).await
    }

    #[tracing::instrument(skip_all)]
    pub async fn save_preferences(db: &impl ConnectionTrait, person_id: Uuid, prefs: super::Preferences) -> DomainResult<()> {
        use crate::entities::preference;
        use sea_orm::{EntityTrait, sea_query::OnConflict};
        let row = preference::ActiveModel {
            person_id: Set(person_id),
            text_size: Set(prefs.text_size.as_str().to_owned()),
            contrast: Set(if prefs.high_contrast { "high" } else { "standard" }.to_owned()),
            reduced_motion: Set(prefs.reduced_motion),
            easy_read: Set(prefs.easy_read),
            email_frequency: Set(prefs.email_frequency.as_str().to_owned()),
            updated_at: Set(chrono::Utc::now()),
        };
        preference::Entity::insert(row)
            .on_conflict(
                OnConflict::column(preference::Column::PersonId)
                    .update_columns([
                        preference::Column::TextSize,
                        preference::Column::Contrast,
                        preference::Column::ReducedMotion,
                        preference::Column::EasyRead,
                        preference::Column::EmailFrequency,
                        preference::Column::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .exec(db)
            .await?;
        Ok(())
    }

    /// Gives someone a role in a space (the same rule as everywhere: one role per space).
    pub async fn add_member(db: &impl ConnectionTrait, space_id: Uuid, person_id: Uuid, role: Role) -> DomainResult<()> {
        crate::accounts::set_role(db, space_id, person_id, role).await
    }
}

/// How many people of each perspective: shown so a board can see whose voices it has.
pub fn count_perspectives<'a>(people: impl IntoIterator<Item = &'a PersonSummary>) -> Vec<(Perspective, usize)> {
    let people: Vec<&PersonSummary> = people.into_iter().collect();
    Perspective::ALL
        .into_iter()
        .map(|p| (p, people.iter().filter(|person| person.perspective == p).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// The signed-in person, as pages and handlers see them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: Uuid,
    pub display_name: String,
    pub email: String,
    pub pronouns: Option<String>,
    pub perspective: Perspective,
    /// Set while a supporter acts for this person: everything done is theirs, and shows as
    /// "Sam, supporting Alex".
    pub supporter: Option<PersonSummary>,
}

impl CurrentUser {
    /// How what this person does is credited: "Alex Morgan", or "Sam Lee, supporting Alex Morgan".
    pub fn attribution(&self) -> String {
        credit(&self.display_name, self.supporter.as_ref().map(|s| s.display_name.as_str()))
    }
}

/// The one wording for who did something: "Alex Morgan", or "Sam Lee, supporting Alex Morgan"
/// when a supporter did it for them. Pages, history, decisions and the audit log all use it.
pub fn credit(person: &str, supporter: Option<&str>) -> String {
    match supporter {
        Some(supporter) => format!("{supporter}, supporting {person}"),
        None => person.to_owned(),
    }
}

/// How a person likes pages to look and how often they want email. Applied on the server to
/// every page (as attributes on `<html>`), so it works without JavaScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Preferences {
    pub text_size: TextSize,
    pub high_contrast: bool,
    pub reduced_motion: bool,
    pub easy_read: bool,
    pub email_frequency: EmailFrequency,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            text_size: TextSize::Standard,
            high_contrast: false,
            reduced_motion: false,
            easy_read: false,
            email_frequency: EmailFrequency::Instant,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TextSize {
    Standard,
    Large,
    Largest,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [Self::Standard, Self::Large, Self::Largest];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Large => "large",
            Self::Largest => "largest",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Standard => "Standard",
            Self::Large => "Large",
            Self::Largest => "Largest",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EmailFrequency {
    Instant,
    Daily,
    Weekly,
    None,
}

impl EmailFrequency {
    pub const ALL: [EmailFrequency; 4] = [Self::Instant, Self::Daily, Self::Weekly, Self::None];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Instant => "instant",
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::None => "none",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Instant => "As things happen",
            Self::Daily => "Once a day, in one email",
            Self::Weekly => "Once a week, in one email",
            Self::None => "No email, except sign-in links and invitations",
        }
    }
}

impl Preferences {
    /// The compact form kept in a cookie for visitors who are not signed in:
    /// `text=large&contrast=high&motion=reduce&easy=on`.
    pub fn to_cookie(self) -> String {
        let mut parts = vec![format!("text={}", self.text_size.as_str())];
        if self.high_contrast {
            parts.push("contrast=high".into());
        }
        if self.reduced_motion {
            parts.push("motion=reduce".into());
        }
        if self.easy_read {
            parts.push("easy=on".into());
        }
        parts.join("&")
    }

    /// Reads the cookie form back; anything unrecognised is left at its default.
    pub fn from_cookie(raw: &str) -> Self {
        let mut prefs = Self::default();
        for pair in raw.split('&') {
            match pair.split_once('=') {
                Some(("text", v)) => prefs.text_size = TextSize::parse(v).unwrap_or(TextSize::Standard),
                Some(("contrast", "high")) => prefs.high_contrast = true,
                Some(("motion", "reduce")) => prefs.reduced_motion = true,
                Some(("easy", "on")) => prefs.easy_read = true,
                _ => {}
            }
        }
        prefs
    }
}

#[cfg(test)]
mod preference_tests {
    use super::*;

    #[test]
    fn preferences_survive_the_cookie_round_trip() {
        let prefs = Preferences { text_size: TextSize::Largest, high_contrast: true, reduced_motion: false, easy_read: true, ..Default::default() };
        assert_eq!(Preferences::from_cookie(&prefs.to_cookie()), prefs);
        assert_eq!(Preferences::from_cookie("text=huge&contrast=neon"), Preferences::default());
    }
}

#[cfg(all(test, feature = "db"))]
mod single_line_tests {
    use super::service::*;

    #[test]
    fn names_stay_on_one_line() {
        for bad in ["Marcia\nOkafor", "Marcia\r\nBcc: everyone@example.org", "Tab\there", "Null\0", "Line\u{2028}separator"] {
            let err = parse_display_name(bad).unwrap_err().to_string();
            assert!(err.contains("one line"), "{bad:?}: {err}");
        }
        assert_eq!(parse_display_name("  Marcia Okafor ").unwrap(), "Marcia Okafor");
        assert_eq!(parse_display_name("Zoë Ó Briain-Nkemelu").unwrap(), "Zoë Ó Briain-Nkemelu");
    }

    #[test]
    fn pronouns_are_short_and_on_one_line() {
        assert_eq!(parse_pronouns(Some(" they/them ")).unwrap().as_deref(), Some("they/them"));
        assert_eq!(parse_pronouns(Some("   ")).unwrap(), None);
        assert_eq!(parse_pronouns(None).unwrap(), None);
        assert!(parse_pronouns(Some("she/her\nSubject: hi")).is_err());
        assert!(parse_pronouns(Some(&"x".repeat(MAX_PRONOUNS_CHARS))).is_ok());
        assert!(parse_pronouns(Some(&"x".repeat(MAX_PRONOUNS_CHARS + 1))).unwrap_err().to_string().contains("40 characters or fewer"));
    }

    #[test]
    fn access_needs_may_have_lines_but_not_endless_ones() {
        assert_eq!(parse_access_needs(Some("Papers a week before.\nLarge print, please.")).unwrap().as_deref(), Some("Papers a week before.\nLarge print, please."));
        assert!(parse_access_needs(Some("Bell\u{7}")).is_err());
        assert!(parse_access_needs(Some(&"x".repeat(MAX_ACCESS_NEEDS_CHARS))).is_ok());
        assert!(parse_access_needs(Some(&"x".repeat(MAX_ACCESS_NEEDS_CHARS + 1))).is_err());
    }
}
