//! The people pages. Every form posts to the same address it is shown at (or a named one), and
//! works without JavaScript.

use domain::people::{Perspective, Role};
use domain::spaces::SpaceKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::forms::{Checkbox, Field, FormMessage, Radios, TextArea, feedback_for};
use super::server::{audit_log, invitation, invite_target, members_of, my_account, person_profile, setup_status};
use crate::AppError;
use crate::layout::{Problem, failed};

fn perspective_options() -> Vec<(&'static str, String)> {
    Perspective::ALL.into_iter().map(|p| (p.as_str(), p.label().to_owned())).collect()
}

const PERSPECTIVE_HINT: &str =
    "This is shown next to what you write and counted in reports, so the board can see whose voices are heard. It never changes what you can do.";

/// A page that needs signing in: says so plainly, with the way in.
#[component]
pub fn SignInPage() -> impl IntoView {
    let already = super::viewer();
    // Where to go once signed in, such as an invitation waiting to be accepted.
    let next = use_query_map().read_untracked().get("next").filter(|n| n.starts_with("/invitations/"));
    // The address keeps `next`, so a mistake shown on this page still returns there.
    let action = next.as_ref().map_or_else(|| "/sign-in".to_owned(), |n| format!("/sign-in?next={n}"));
    let status = Resource::new(|| (), |_| setup_status());
    view! {
        <Title text="Sign in"/>
        <h1>"Sign in"</h1>
        <Suspense>
            {move || Suspend::new(async move {
                status.await.ok().filter(|s| s.needed).map(|_| view! {
                    <div class="notice" role="status">
                        <h2>"Nobody has an account here yet"</h2>
                        <p>"If you are setting up Coboard, "<a href="/setup">"create the first account"</a>". It becomes a co-chair of the board."</p>
                    </div>
                })
            })}
        </Suspense>
        {already.map(|u| view! { <p class="notice">"You are signed in as "{u.display_name}". "<a href="/account">"Go to your account"</a></p> })}
        <div class="two-ways">
            <section aria-labelledby="link-heading" class="card">
                <h2 id="link-heading">"Get a sign-in link by email"</h2>
                <p>"No password to remember. We email you a link that signs you in. It works once, for 15 minutes."</p>
                <FormMessage form="link"/>
                <form method="post" action="/sign-in/link" novalidate>
                    <Field form="link" name="email" label="Email address" kind="email" autocomplete="email" required=true/>
                    <button type="submit">"Email me a sign-in link"</button>
                </form>
            </section>
            <section aria-labelledby="password-heading" class="card">
                <h2 id="password-heading">"Sign in with your password"</h2>
                <FormMessage form="sign-in"/>
                <form method="post" action=action novalidate>
                    {next.map(|next| view! { <input type="hidden" name="next" value=next/> })}
                    <Field form="sign-in" name="email" label="Email address" kind="email" autocomplete="username" required=true/>
                    <Field form="sign-in" name="password" label="Password" kind="password" autocomplete="current-password" required=true/>
                    <button type="submit">"Sign in"</button>
                </form>
            </section>
        </div>
        <p>"New here? A co-chair or convenor can invite you by email."</p>
    }
}

#[component]
pub fn CheckEmailPage() -> impl IntoView {
    // Set when mail is late for everyone (the mail server is not answering), never from whether
    // the address has an account.
    let late = leptos_router::hooks::use_query_map().read_untracked().get("late").is_some_and(|v| v == "1");
    view! {
        <Title text="Check your email"/>
        <h1>"Check your email"</h1>
        {if late {
            view! {
                <p class="lead">"If there is an account for the address you gave, a sign-in link is on its way to it."</p>
                <div class="notice" role="status">
                    <p>"Our mail server is not answering just now, so the email may be late. Nothing is lost: Coboard keeps trying and will send it as soon as it can."</p>
                </div>
            }
            .into_any()
        } else {
            view! { <p class="lead">"If there is an account for the address you gave, we have sent it a sign-in link."</p> }.into_any()
        }}
        <p>"The link works once, for 15 minutes. If nothing arrives in a few minutes, check your junk folder, or "<a href="/sign-in">"ask for another link"</a>"."</p>
    }
}

#[component]
pub fn SignInLinkPage() -> impl IntoView {
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let problem = feedback_for("confirm").filter(|f| !f.success);
    view! {
        <Title text="Sign in to Coboard"/>
        <h1>"Sign in to Coboard"</h1>
        {match problem {
            Some(p) => view! {
                <div class="notice notice-problem" role="alert">
                    <h2>"This link cannot be used"</h2>
                    <p>{p.message}</p>
                </div>
                <p><a href="/sign-in">"Ask for a new sign-in link"</a></p>
            }
            .into_any(),
            None => view! {
                <p>"Press the button to finish signing in. (We ask you to press it so that email scanners cannot use your link.)"</p>
                <form method="post">
                    <input type="hidden" name="token" value=token/>
                    <button type="submit">"Sign in"</button>
                </form>
            }
            .into_any(),
        }}
    }
}

#[component]
pub fn SetupPage() -> impl IntoView {
    let status = Resource::new(|| (), |_| setup_status());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(s) if !s.needed => view! {
                        <Title text="Already set up"/>
                        <h1>"Coboard is already set up"</h1>
                        <p>"The first account has been made. "<a href="/sign-in">"Sign in"</a>", or ask a co-chair to invite you."</p>
                    }
                    .into_any(),
                    Ok(s) => view! { <SetupForm board_exists=s.board_exists/> }.into_any(),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SetupForm(board_exists: bool) -> impl IntoView {
    view! {
        <Title text="Set up Coboard"/>
        <h1>"Set up Coboard"</h1>
        <p class="lead">"Create the first account. You will become a co-chair of the board, and can then invite everyone else."</p>
        <FormMessage form="setup"/>
        <form method="post" action="/setup" novalidate>
            {(!board_exists).then(|| view! {
                <h2>"Your board"</h2>
                <Field form="setup" name="board_name" label="Board name" value="Direct Payments Board" required=true/>
                <TextArea form="setup" name="board_purpose" label="What the board is for" hint="One or two sentences. You can change this later."/>
            })}
            <h2>"About you"</h2>
            <AccountFields form="setup"/>
            <Field form="setup" name="email" label="Email address" kind="email" autocomplete="email" required=true/>
            <Field form="setup" name="password" label="Password (optional)" kind="password" autocomplete="new-password"
                hint="At least 10 characters; three random words work well. Leave it empty to sign in with an emailed link instead."/>
            <button type="submit">"Create the first account"</button>
        </form>
    }
}

/// Name, pronouns, perspective and access needs: asked at set-up and when accepting an invitation.
#[component]
fn AccountFields(#[prop(into)] form: String) -> impl IntoView {
    view! {
        <Field form=form.clone() name="display_name" label="Your name" hint="As you would like others to see it." autocomplete="name" required=true/>
        <Field form=form.clone() name="pronouns" label="Pronouns (optional)" hint="For example she/her, he/him or they/them."/>
        <Radios form=form.clone() name="perspective" legend="The experience you bring" hint=PERSPECTIVE_HINT options=perspective_options()/>
        <TextArea form=form name="access_needs" label="Access needs (optional)"
            hint="Anything that helps you take part, such as \"I use a screen reader\" or \"please send papers a week before\"."/>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let account = Resource::new(|| (), |_| my_account());
    view! {
        <Suspense fallback=|| view! { <p>"Loading your account…"</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(a) => {
                        let pronouns = a.user.pronouns.clone().unwrap_or_else(|| "Not given".into());
                        view! {
                            <Title text="Your account"/>
                            <h1>"Your account"</h1>
                            <FormMessage form="sessions"/>
                            <dl class="summary">
                                <dt>"Name"</dt><dd>{a.user.display_name.clone()}</dd>
                                <dt>"Email"</dt><dd>{a.user.email.clone()}</dd>
                                <dt>"Pronouns"</dt><dd>{pronouns}</dd>
                                <dt>"Experience you bring"</dt><dd>{a.user.perspective.label()}</dd>
                                <dt>"Access needs"</dt><dd>{a.access_needs.clone().unwrap_or_else(|| "None given".into())}</dd>
                            </dl>
                            <h2>"Where you take part"</h2>
                            {if a.spaces.is_empty() {
                                view! { <p>"You have not joined the board or a group yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ul>
                                        {a.spaces.into_iter().map(|m| {
                                            let href = match m.space.kind { SpaceKind::Board => "/".to_owned(), SpaceKind::Group => format!("/groups/{}", m.space.slug) };
                                            view! { <li><a href=href>{m.space.name}</a>", "{role_name(m.role, m.space.kind)}</li> }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            {a.can_view_audit.then(|| view! { <p><a href="/audit">"Read the audit log"</a></p><p><a href="/outbox">"See the outbox: emails waiting, sent and failed"</a></p> })}
                            {a.user.supporter.clone().map(|supporter| view! {
                                <FormMessage form="tokens"/>
                                <FormMessage form="supporters"/>
                                <div class="notice" role="status">
                                    <p>{format!("You are {}, supporting {}. What you do here is done for {} and shows as \"{}\".", supporter.display_name, a.user.display_name, a.user.display_name, a.user.attribution())}</p>
                                    <form method="post" action="/account/supporting/stop" class="inline-form">
                                        <button type="submit" class="secondary">{format!("Stop supporting {}", a.user.display_name)}</button>
                                    </form>
                                </div>
                            })}
                            {a.user.supporter.is_none().then(|| view! {
                                <h2>"Your supporters"</h2>
                                <p>"A supporter, such as a personal assistant, family member or advocate, can take part for you. What they do shows as \"their name, supporting you\". You can stop this at any time."</p>
                                <FormMessage form="supporters"/>
                                {if a.supporters.is_empty() {
                                    view! { <p>"You have not named a supporter."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="sessions">
                                            {a.supporters.clone().into_iter().map(|p| view! {
                                                <li>
                                                    {p.display_name.clone()}
                                                    <form method="post" action="/account/supporters/revoke" class="inline-form">
                                                        <input type="hidden" name="supporter_id" value=p.id.to_string()/>
                                                        <button type="submit" class="secondary">{format!("Stop {} acting for me", p.display_name)}</button>
                                                    </form>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <form method="post" action="/account/supporters" novalidate>
                                    <Field form="supporters" name="email" label="Your supporter's email address" kind="email"
                                        hint="They need a Coboard account. A co-chair can invite them."/>
                                    <Checkbox form="supporters" name="consent" label="I agree that this person can act for me in Coboard, until I stop it." checked=false/>
                                    <button type="submit">"Name my supporter"</button>
                                </form>
                                {(!a.supporting.is_empty()).then(|| view! {
                                    <h2>"People you support"</h2>
                                    <ul class="sessions">
                                        {a.supporting.clone().into_iter().map(|p| view! {
                                            <li>
                                                {p.display_name.clone()}
                                                <form method="post" action="/account/supporting/start" class="inline-form">
                                                    <input type="hidden" name="member_id" value=p.id.to_string()/>
                                                    <button type="submit">{format!("Act for {}", p.display_name)}</button>
                                                </form>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                })}
                            })}
                            {a.user.supporter.is_none().then(|| view! {
                                <h2>"Where you are signed in"</h2>
                            <ul class="sessions">
                                {a.sessions.into_iter().map(|s| {
                                    let label = format!(
                                        "{}{}, signed in {} UTC, last used {} UTC",
                                        s.device.clone().unwrap_or_else(|| "A browser".into()),
                                        if s.current { " (this device)" } else { "" },
                                        s.created_at.format("%-d %B %Y %H:%M"),
                                        s.last_seen_at.format("%-d %B %Y %H:%M"),
                                    );
                                    let button = if s.current { "Sign out here".to_owned() } else { "End this session".to_owned() };
                                    view! {
                                        <li>
                                            {label.clone()}
                                            <form method="post" action="/account/sessions/end" class="inline-form">
                                                <input type="hidden" name="session" value=s.id/>
                                                <button type="submit" class="secondary" aria-label=format!("{button}: {label}")>{button.clone()}</button>
                                            </form>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <form method="post" action="/sign-out/everywhere">
                                <button type="submit" class="secondary">"Sign out everywhere"</button>
                            </form>
                            <h2 id="tokens-heading">"Personal access tokens"</h2>
                            <p>"A token lets a script or another council system use Coboard's "<a href="/api/v1/openapi.json">"JSON API"</a>" as you, with your permissions. Keep it secret, like a password."</p>
                            <FormMessage form="tokens"/>
                            {if a.tokens.is_empty() {
                                view! { <p>"You have no tokens."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="sessions">
                                        {a.tokens.into_iter().map(|t| {
                                            let label = format!(
                                                "{}, made {} UTC, {}",
                                                t.name,
                                                t.created_at.format("%-d %B %Y %H:%M"),
                                                t.last_used_at.map(|at| format!("last used {} UTC", at.format("%-d %B %Y %H:%M"))).unwrap_or_else(|| "never used".into()),
                                            );
                                            view! {
                                                <li>
                                                    {label.clone()}
                                                    <form method="post" action="/account/tokens/revoke" class="inline-form">
                                                        <input type="hidden" name="token_id" value=t.id.to_string()/>
                                                        <button type="submit" class="secondary" aria-label=format!("Revoke: {label}")>"Revoke"</button>
                                                    </form>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <form method="post" action="/account/tokens">
                                <Field form="tokens" name="name" label="Name for a new token" hint="So you can tell your tokens apart, for example \"Council website\"."/>
                                <button type="submit">"Make a token"</button>
                            </form>
                            })}
                            <p><a href="/preferences">"Change text size, colours and how often we email you"</a></p>
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

pub fn role_name(role: Role, kind: SpaceKind) -> &'static str {
    role.name_in(kind)
}

#[component]
pub fn InvitationPage() -> impl IntoView {
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let view_token = token.clone();
    let found = Resource::new(move || view_token.clone(), invitation);
    view! {
        <Suspense fallback=|| view! { <p>"Loading the invitation…"</p> }>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    match found.await {
                        Ok(inv) => {
                            let signed_in_here = super::viewer();
                            let sign_in_first = format!("/sign-in?next=/invitations/{token}");
                            let what = format!(
                                "{} has invited you to join the {} as a {}.",
                                inv.invited_by, inv.space_name, role_name(inv.role, inv.space_kind)
                            );
                            view! {
                                <Title text="Your invitation"/>
                                <h1>"Your invitation to Coboard"</h1>
                                <p class="lead">{what}</p>
                                <FormMessage form="accept"/>
                                <form method="post" novalidate>
                                    <input type="hidden" name="token" value=token/>
                                    {if inv.has_account && signed_in_here.is_none() {
                                        view! {
                                            <p>"You already have an account with "{inv.email.clone()}". Please sign in first, to keep your account safe; you come back here to accept."</p>
                                            <p><a href=sign_in_first>"Sign in to accept"</a></p>
                                        }.into_any()
                                    } else if inv.has_account {
                                        view! { <p>"You already have an account with "{inv.email.clone()}"."</p> }.into_any()
                                    } else {
                                        view! {
                                            <p>"Tell us a little about you to set up your account for "<strong>{inv.email.clone()}</strong>"."</p>
                                            <AccountFields form="accept"/>
                                            <Field form="accept" name="password" label="Password (optional)" kind="password" autocomplete="new-password"
                                                hint="At least 10 characters; three random words work well. Leave it empty to sign in with an emailed link instead."/>
                                        }.into_any()
                                    }}
                                    {(!inv.has_account || signed_in_here.is_some()).then(|| view! {
                                        <button type="submit">{if inv.has_account { "Accept" } else { "Accept and sign in" }}</button>
                                    })}
                                </form>
                            }
                            .into_any()
                        }
                        Err(err) => {
                            #[cfg(feature = "ssr")]
                            crate::state::set_status(404);
                            view! {
                                <Title text="Invitation cannot be used"/>
                                <h1>"This invitation cannot be used"</h1>
                                <Problem title="Why" message=err.to_string()/>
                                <p><a href="/sign-in">"Sign in"</a>" if you already have an account."</p>
                            }
                            .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let target = Resource::new(move || params.read().get("slug").unwrap_or_default(), invite_target);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match target.await {
                    Ok(t) if !t.signed_in => failed(AppError::Forbidden("Please sign in to invite people.".into())),
                    Ok(t) if !t.allowed => {
                        #[cfg(feature = "ssr")]
                        crate::state::set_status(403);
                        view! {
                            <Title text="Invite someone"/>
                            <h1>"Invite someone"</h1>
                            <p>{format!("Only a {} of the {} can invite people into it. Please ask them.", role_name(Role::CoChair, t.space.kind), t.space.name)}</p>
                        }
                        .into_any()
                    }
                    Ok(t) => {
                        let kind = t.space.kind;
                        let heading = format!("Invite someone to the {}", t.space.name);
                        let options = vec![
                            ("member", "Member: takes part, comments, drafts and edits".to_owned()),
                            ("observer", "Observer: reads and follows the work".to_owned()),
                            ("co_chair", format!("{}: also invites people and makes decisions", capitalise(role_name(Role::CoChair, kind)))),
                        ];
                        view! {
                            <Title text=heading.clone()/>
                            <h1>{heading}</h1>
                            <p>"We will email them a link to set up their account. The link lasts 14 days."</p>
                            <FormMessage form="invite"/>
                            <form method="post" novalidate>
                                <Field form="invite" name="email" label="Their email address" kind="email" required=true/>
                                <Radios form="invite" name="role" legend="Their role" options default="member"/>
                                <button type="submit">"Send the invitation"</button>
                            </form>
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let entries = Resource::new(move || query.read().get("cursor"), audit_log);
    view! {
        <Suspense fallback=|| view! { <p>"Loading the audit log…"</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(page) => view! {
                        <Title text="Audit log"/>
                        <h1>"Audit log"</h1>
                        <p>"Sign-ins, failed sign-ins, invitations and role changes, newest first. Nothing here can be changed or deleted."</p>
                        <div class="table-wrap" role="region" aria-label="Audit log entries" tabindex="0">
                        <table class="audit">
                            <caption class="visually-hidden">"Audit log entries"</caption>
                            <thead><tr><th scope="col">"When (UTC)"</th><th scope="col">"What"</th><th scope="col">"Who"</th><th scope="col">"About"</th><th scope="col">"Details"</th></tr></thead>
                            <tbody>
                                {page.items.into_iter().map(|e| view! {
                                    <tr>
                                        <td>{e.at.format("%-d %b %Y %H:%M:%S").to_string()}</td>
                                        <td>{e.action.label()}</td>
                                        <td>{e.actor.unwrap_or_else(|| "Someone not signed in".into())}</td>
                                        <td>{e.subject.unwrap_or_default()}</td>
                                        <td>{[e.detail, e.ip.map(|ip| format!("from {ip}"))].into_iter().flatten().collect::<Vec<_>>().join(", ")}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                        {page.next_cursor.map(|c| view! { <p><a href=format!("/audit?cursor={c}")>"Older entries"</a></p> })}
                    }
                    .into_any(),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn PreferencesPage() -> impl IntoView {
    let prefs = super::preferences();
    let signed_in = super::viewer().is_some();
    let sizes: Vec<(&'static str, String)> = domain::people::TextSize::ALL.into_iter().map(|t| (t.as_str(), t.label().to_owned())).collect();
    let frequencies: Vec<(&'static str, String)> =
        domain::people::EmailFrequency::ALL.into_iter().map(|f| (f.as_str(), f.label().to_owned())).collect();
    view! {
        <Title text="Text and colours"/>
        <h1>"Text and colours"</h1>
        <p class="lead">"Choose how Coboard looks for you. Your choices apply to every page."</p>
        {if signed_in {
            view! { <p>"We keep these with your account, so they follow you to any device."</p> }.into_any()
        } else {
            view! { <p>"We keep these in a cookie on this device. Sign in to keep them with your account."</p> }.into_any()
        }}
        <FormMessage form="preferences"/>
        <form method="post" action="/preferences">
            <Radios form="preferences" name="text_size" legend="Text size" options=sizes default=prefs.text_size.as_str()/>
            <fieldset class="field">
                <legend>"Reading comfort"</legend>
                <Checkbox form="preferences" name="high_contrast" label="High contrast: black text, stronger borders" checked=prefs.high_contrast/>
                <Checkbox form="preferences" name="reduced_motion" label="No movement or animation" checked=prefs.reduced_motion/>
                <Checkbox form="preferences" name="easy_read" label="Easy read: bigger text and buttons, more space, one thing at a time" checked=prefs.easy_read/>
            </fieldset>
            {signed_in.then(|| view! {
                <Radios form="preferences" name="email_frequency" legend="How often we email you about what is happening"
                    hint="Sign-in links and invitations always arrive straight away." options=frequencies default=prefs.email_frequency.as_str()/>
            })}
            <button type="submit">"Save my choices"</button>
        </form>
    }
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let profile = Resource::new(move || params.read().get("id").unwrap_or_default(), person_profile);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(p) => {
                        let name = p.person.display_name.clone();
                        let pronouns = p.person.pronouns.clone();
                        view! {
                            <Title text=name.clone()/>
                            <h1>{name}</h1>
                            <dl class="summary">
                                {pronouns.map(|pr| view! { <dt>"Pronouns"</dt><dd>{pr}</dd> })}
                                <dt>"Experience they bring"</dt><dd>{p.person.perspective.label()}</dd>
                                {p.access_needs.map(|needs| view! { <dt>"Access needs"</dt><dd>{needs}</dd> })}
                            </dl>
                            <h2>"Where they take part"</h2>
                            {if p.spaces.is_empty() {
                                view! { <p>"They have not joined the board or a group yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ul>
                                        {p.spaces.into_iter().map(|m| {
                                            let href = match m.space.kind { SpaceKind::Board => "/".to_owned(), SpaceKind::Group => format!("/groups/{}", m.space.slug) };
                                            view! { <li><a href=href>{m.space.name}</a>", "{role_name(m.role, m.space.kind)}</li> }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <h2>"Recent contributions"</h2>
                            {if p.contributions.is_empty() {
                                view! { <p>"Nothing you can see yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ul>
                                        {p.contributions.into_iter().map(|c| view! {
                                            <li><a href=c.link>{c.summary}</a>{format!(", {}", crate::conversations::when(c.at))}</li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        }
                        .into_any()
                    }
                    Err(AppError::NotFound(message)) => {
                        #[cfg(feature = "ssr")]
                        crate::state::set_status(404);
                        view! {
                            <Title text="Person not found"/>
                            <h1>"We could not find that person"</h1>
                            <p>{message}</p>
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn MembersPage() -> impl IntoView {
    let params = use_params_map();
    let members = Resource::new(move || params.read().get("slug").unwrap_or_default(), members_of);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match members.await {
                    Ok(m) => {
                        let kind = m.space.kind;
                        let heading = format!("Members of the {}", m.space.name);
                        let lead = capitalise(role_name(Role::CoChair, kind));
                        view! {
                            <Title text=heading.clone()/>
                            <h1>{heading}</h1>
                            <p>"Change someone's role, or remove them. The same role gives the same rights, whoever holds it."</p>
                            <FormMessage form="members"/>
                            <ul class="sessions">
                                {m.members.into_iter().map(|member| {
                                    let name = member.person.display_name.clone();
                                    let current = member.role;
                                    let id = member.person.id.to_string();
                                    let select_id = format!("role-{id}");
                                    view! {
                                        <li>
                                            <strong>{name.clone()}</strong>", "{member.person.perspective.label()}", "{role_name(current, kind)}
                                            <form method="post" class="role-form">
                                                <input type="hidden" name="person_id" value=id.clone()/>
                                                <label for=select_id.clone()>{format!("New role for {name}")}</label>
                                                <select id=select_id name="role">
                                                    <option value="co_chair" selected=current == Role::CoChair>{lead.clone()}</option>
                                                    <option value="member" selected=current == Role::Member>"Member"</option>
                                                    <option value="observer" selected=current == Role::Observer>"Observer"</option>
                                                    <option value="remove">{format!("Remove from the {}", m.space.name)}</option>
                                                </select>
                                                <button type="submit" class="secondary" aria-label=format!("Change role for {name}")>"Change"</button>
                                            </form>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <p><a href=format!("/invite/{}", m.space.slug)>"Invite someone"</a></p>
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}
