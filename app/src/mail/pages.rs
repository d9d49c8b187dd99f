//! The outbox page (co-chairs) and the email-settings page (anyone with an email's link).

use domain::mail::{MailStatus, OutboxMessage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server::{email_settings, outbox_page};
use crate::layout::failed;
use crate::people::forms::{FormMessage, Radios};

fn at(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%-d %b %Y %H:%M").to_string()
}

/// `/outbox`: how many emails are waiting, sent and failed, and the newest ones with what
/// became of them. A failed email can be sent again.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let query = use_query_map();
    let page = Resource::new(move || (query.read().get("status"), query.read().get("cursor")), |(status, cursor)| outbox_page(status, cursor));
    view! {
        <Suspense fallback=|| view! { <p>"Loading the outbox…"</p> }>
            {move || Suspend::new(async move {
                let only = query.read_untracked().get("status").and_then(|s| MailStatus::parse(&s));
                match page.await {
                    Ok(o) => view! {
                        <Title text="Outbox"/>
                        <h1>"Outbox"</h1>
                        <p class="lead">"Every email Coboard sends waits here until the mail server takes it. If the mail server does not answer, Coboard tries again, waiting longer each time."</p>
                        <FormMessage form="outbox"/>
                        {(o.delayed > 0).then(|| view! {
                            <div class="notice" role="status">
                                <p>{format!(
                                    "{} {} could not be sent yet: the mail server is not answering, or is refusing for now. Coboard keeps trying.",
                                    o.delayed,
                                    if o.delayed == 1 { "email" } else { "emails" }
                                )}</p>
                            </div>
                        })}
                        <h2>"At a glance"</h2>
                        <ul class="filter-list">
                            <li><a href="/outbox" aria-current=only.is_none().then_some("page")>"All"</a></li>
                            <li><a href="/outbox?status=waiting" aria-current=(only == Some(MailStatus::Waiting)).then_some("page")>{format!("Waiting: {}", o.waiting)}</a></li>
                            <li><a href="/outbox?status=sent" aria-current=(only == Some(MailStatus::Sent)).then_some("page")>{format!("Sent: {}", o.sent)}</a></li>
                            <li><a href="/outbox?status=failed" aria-current=(only == Some(MailStatus::Failed)).then_some("page")>{format!("Failed: {}", o.failed)}</a></li>
                        </ul>
                        <h2>{match only { Some(s) => format!("{} emails, newest first", s.label()), None => "Newest emails first".to_owned() }}</h2>
                        {if o.messages.is_empty() {
                            view! { <p>"There are no emails here."</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap" role="region" aria-label="Emails in the outbox" tabindex="0">
                                    <table class="audit">
                                        <caption class="visually-hidden">"Emails in the outbox"</caption>
                                        <thead><tr>
                                            <th scope="col">"Made (UTC)"</th><th scope="col">"To"</th><th scope="col">"What"</th>
                                            <th scope="col">"Where it is"</th><th scope="col">"Tries"</th><th scope="col">"What happened"</th>
                                        </tr></thead>
                                        <tbody>{o.messages.into_iter().map(row).collect_view()}</tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                        {o.next_cursor.map(|c| {
                            let status = only.map(|s| format!("status={}&", s.as_str())).unwrap_or_default();
                            view! { <p><a href=format!("/outbox?{status}cursor={c}")>"Older emails"</a></p> }
                        })}
                    }
                    .into_any(),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

fn row(m: OutboxMessage) -> impl IntoView {
    let happened = match m.status {
        MailStatus::Sent => m.sent_at.map(|t| format!("Sent {}", at(t))).unwrap_or_else(|| "Sent".into()),
        MailStatus::Waiting => match (&m.last_error, m.next_attempt_at) {
            (Some(e), Some(t)) => format!("Not sent yet: {e}. Next try {}.", at(t)),
            (None, _) => "Waiting for its first try.".into(),
            (Some(e), None) => format!("Not sent yet: {e}."),
        },
        MailStatus::Failed => format!("Gave up: {}", m.last_error.clone().unwrap_or_else(|| "the mail server refused it.".into())),
    };
    let retry = (m.status != MailStatus::Sent).then(|| {
        let label = if m.status == MailStatus::Failed { "Try again" } else { "Try now" };
        view! {
            <form method="post" action=format!("/outbox/{}/retry", m.id) class="inline-form">
                <button type="submit" class="secondary" aria-label=format!("{label}: {} to {}", m.subject, m.to)>{label}</button>
            </form>
        }
    });
    view! {
        <tr>
            <td>{at(m.created_at)}</td>
            <td>{m.to.clone()}</td>
            <td>{format!("{}: {}", m.kind.label(), m.subject)}</td>
            <td><span class=format!("status status-{}", m.status.as_str())>{m.status.label()}</span></td>
            <td>{m.attempts}</td>
            <td>{happened}{retry}</td>
        </tr>
    }
}

/// `/email-settings/{key}`: opened from the link at the foot of an email. It changes how often
/// that person hears from Coboard without signing in: the link is the key.
#[component]
pub fn EmailSettingsPage() -> impl IntoView {
    let params = use_params_map();
    let key = params.read_untracked().get("key").unwrap_or_default();
    let saved = use_query_map().read_untracked().get("saved").is_some();
    let action = format!("/email-settings/{key}");
    let settings = Resource::new(move || key.clone(), email_settings);
    let frequencies: Vec<(&'static str, String)> = domain::people::EmailFrequency::ALL.into_iter().map(|f| (f.as_str(), f.label().to_owned())).collect();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let (action, frequencies) = (action.clone(), frequencies.clone());
                Suspend::new(async move {
                    match settings.await {
                        Ok(s) => view! {
                            <Title text="How often we email you"/>
                            <h1>"How often we email you"</h1>
                            {saved.then(|| view! {
                                <div class="notice notice-success" role="status">
                                    <p>{format!("Saved. From now on: {}.", s.frequency.label().to_lowercase())}</p>
                                </div>
                            })}
                            <p class="lead">{format!("This is for {}. Choose how often Coboard emails you about what is happening.", s.name)}</p>
                            <FormMessage form="email-settings"/>
                            <form method="post" action=action>
                                <Radios form="email-settings" name="email_frequency" legend="How often we email you"
                                    hint="Sign-in links and invitations always arrive straight away." options=frequencies default=s.frequency.as_str()/>
                                <button type="submit">"Save"</button>
                            </form>
                            <p>"You can always see everything on your notifications page when you sign in."</p>
                        }
                        .into_any(),
                        // A link we did not send (or mistyped): say so, and where to go instead.
                        Err(crate::AppError::NotFound(message)) => {
                            #[cfg(feature = "ssr")]
                            crate::state::set_status(404);
                            view! {
                                <Title text="We do not recognise that link"/>
                                <h1>"We do not recognise that link"</h1>
                                <p>{message}</p>
                                <p><a href="/sign-in">"Sign in"</a></p>
                            }
                            .into_any()
                        }
                        Err(err) => failed(err),
                    }
                })
            }}
        </Suspense>
    }
}
