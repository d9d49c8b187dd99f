//! Accessible form parts: an error summary that takes focus, fields whose errors are tied to
//! them with `aria-describedby`, and what was typed kept after a problem.

use leptos::prelude::*;

/// What a form handler says back: a problem (with the field at fault) or a success, and what
/// the person typed, to fill the form in again.
#[derive(Debug, Clone, Default)]
pub struct FormFeedback {
    /// Which form on the page this is about (`sign-in`, `link`, `setup`, ...).
    pub form: String,
    pub message: String,
    pub field: Option<String>,
    pub success: bool,
    pub values: Vec<(String, String)>,
}

impl FormFeedback {
    pub fn problem(form: &str, field: Option<String>, message: impl Into<String>, values: Vec<(String, String)>) -> Self {
        Self { form: form.into(), message: message.into(), field, success: false, values }
    }

    pub fn success(form: &str, message: impl Into<String>) -> Self {
        Self { form: form.into(), message: message.into(), success: true, ..Default::default() }
    }

    /// A success that shows the form again with what was typed (for example after checking a
    /// text without saving it).
    pub fn kept_success(form: &str, message: impl Into<String>, values: Vec<(String, String)>) -> Self {
        Self { form: form.into(), message: message.into(), success: true, values, field: None }
    }
}

/// The feedback for `form`, if the page is being shown again after it was sent.
pub fn feedback_for(form: &str) -> Option<FormFeedback> {
    use_context::<FormFeedback>().filter(|f| f.form == form)
}

/// What was typed into `name` last time, or `default`.
pub fn typed(form: &str, name: &str, default: &str) -> String {
    feedback_for(form)
        .and_then(|f| f.values.into_iter().find(|(k, _)| k == name).map(|(_, v)| v))
        .unwrap_or_else(|| default.to_owned())
}

fn field_id(form: &str, name: &str) -> String {
    format!("{form}-{name}")
}

/// What every field shows around its control: ids, its hint and its error, tied together with
/// `aria-describedby` so a screen reader reads them with the field.
struct FieldHelp {
    id: String,
    class: &'static str,
    hint: Option<(String, String)>,
    error: Option<(String, String)>,
}

impl FieldHelp {
    fn new(form: &str, name: &str, hint: Option<String>) -> Self {
        let id = field_id(form, name);
        let error = feedback_for(form).filter(|f| !f.success && f.field.as_deref() == Some(name)).map(|f| (format!("{id}-error"), f.message));
        let hint = hint.map(|h| (format!("{id}-hint"), h));
        let class = if error.is_some() { "field field-error" } else { "field" };
        Self { id, class, hint, error }
    }

    fn described_by(&self) -> Option<String> {
        let ids: Vec<&str> = [self.hint.as_ref(), self.error.as_ref()].into_iter().flatten().map(|(id, _)| id.as_str()).collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    fn invalid(&self) -> Option<&'static str> {
        self.error.as_ref().map(|_| "true")
    }

    /// The hint and the error message, in that order, under the label or legend.
    fn messages(&self) -> impl IntoView + use<> {
        let hint = self.hint.clone().map(|(id, h)| view! { <p class="hint" id=id>{h}</p> });
        let error = self.error.clone().map(|(id, e)| view! { <p class="error-message" id=id><span class="visually-hidden">"Error: "</span>{e}</p> });
        (hint, error)
    }
}

/// A summary at the top of a form: "There is a problem" with a link to the field, or a success.
#[component]
pub fn FormMessage(#[prop(into)] form: String) -> impl IntoView {
    feedback_for(&form).map(|f| {
        if f.success {
            view! {
                <div class="notice notice-success" role="status">
                    <p>{f.message}</p>
                </div>
            }
            .into_any()
        } else {
            let target = f.field.as_ref().map(|field| format!("#{}", field_id(&form, field)));
            view! {
                <div class="notice notice-problem" role="alert" tabindex="-1" id=format!("{form}-problem")>
                    <h2>"There is a problem"</h2>
                    {match target {
                        Some(href) => view! { <p><a href=href>{f.message}</a></p> }.into_any(),
                        None => view! { <p>{f.message}</p> }.into_any(),
                    }}
                </div>
            }
            .into_any()
        }
    })
}

/// A labelled input with an optional hint, tied to its error message.
#[component]
pub fn Field(
    #[prop(into)] form: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: Option<String>,
) -> impl IntoView {
    let help = FieldHelp::new(&form, &name, hint);
    // Passwords are never sent back to the page.
    let value = if kind == "password" { String::new() } else { typed(&form, &name, value.as_deref().unwrap_or("")) };
    view! {
        <div class=help.class>
            <label for=help.id.clone()>{label}</label>
            {help.messages()}
            <input
                id=help.id.clone()
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                aria-describedby=help.described_by()
                aria-invalid=help.invalid()
            />
        </div>
    }
}

/// A labelled multi-line text box.
#[component]
pub fn TextArea(
    #[prop(into)] form: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] value: Option<String>,
) -> impl IntoView {
    let help = FieldHelp::new(&form, &name, hint);
    // Leptos writes a textarea's contents as they are: escaped here, so saved or typed words
    // such as `</textarea><script>` stay words.
    let value = crate::text::raw_text_escaped(&typed(&form, &name, value.as_deref().unwrap_or("")));
    view! {
        <div class=help.class>
            <label for=help.id.clone()>{label}</label>
            {help.messages()}
            <textarea id=help.id.clone() name=name rows="3" aria-describedby=help.described_by() aria-invalid=help.invalid()>{value}</textarea>
        </div>
    }
}

/// A group of radio buttons in a fieldset with a legend.
#[component]
pub fn Radios(
    #[prop(into)] form: String,
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    options: Vec<(&'static str, String)>,
    #[prop(optional, into)] default: Option<String>,
) -> impl IntoView {
    let help = FieldHelp::new(&form, &name, hint);
    let id = help.id.clone();
    let chosen = typed(&form, &name, default.as_deref().unwrap_or(""));
    view! {
        <fieldset class=help.class aria-describedby=help.described_by()>
            <legend>{legend}</legend>
            {help.messages()}
            <div class="radios">
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(i, (value, label))| {
                        // The first radio carries the group's id, so the error summary can link to it.
                        let option_id = if i == 0 { id.clone() } else { format!("{id}-{value}") };
                        let checked = chosen == value;
                        view! {
                            <div class="radio">
                                <input type="radio" id=option_id.clone() name=name.clone() value=value checked=checked/>
                                <label for=option_id>{label}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// A single checkbox with its label beside it.
#[component]
pub fn Checkbox(#[prop(into)] form: String, #[prop(into)] name: String, #[prop(into)] label: String, checked: bool) -> impl IntoView {
    let id = field_id(&form, &name);
    view! {
        <div class="radio">
            <input type="checkbox" id=id.clone() name=name value="on" checked=checked/>
            <label for=id>{label}</label>
        </div>
    }
}

/// A list of checkboxes in a fieldset with a legend, each named `{prefix}-{value}`. Ticked boxes
/// stay ticked when the page comes back with a problem.
#[component]
pub fn CheckboxList(
    #[prop(into)] form: String,
    /// The field name problems are reported against; each box is named `{name}-{value}`.
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let help = FieldHelp::new(&form, &name, hint);
    let id = help.id.clone();
    view! {
        <fieldset class=help.class aria-describedby=help.described_by()>
            <legend>{legend}</legend>
            {help.messages()}
            <div class="radios">
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(i, (value, label))| {
                        let box_name = format!("{name}-{value}");
                        // The first box carries the list's id, so the error summary can link to it.
                        let box_id = if i == 0 { id.clone() } else { format!("{id}-{value}") };
                        let checked = typed(&form, &box_name, "") == "on";
                        view! {
                            <div class="radio">
                                <input type="checkbox" id=box_id.clone() name=box_name value="on" checked=checked/>
                                <label for=box_id>{label}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// A labelled drop-down list. `blank` adds a first choice that means "none" (an empty value).
#[component]
pub fn Select(
    #[prop(into)] form: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    options: Vec<(String, String)>,
    #[prop(optional, into)] blank: Option<String>,
    #[prop(optional, into)] default: Option<String>,
) -> impl IntoView {
    let help = FieldHelp::new(&form, &name, hint);
    let chosen = typed(&form, &name, default.as_deref().unwrap_or(""));
    view! {
        <div class=help.class>
            <label for=help.id.clone()>{label}</label>
            {help.messages()}
            <select id=help.id.clone() name=name aria-describedby=help.described_by() aria-invalid=help.invalid()>
                {blank.map(|b| view! { <option value="" selected=chosen.is_empty()>{b}</option> })}
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = value == chosen;
                        view! { <option value=value selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
