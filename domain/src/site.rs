//! The public site's machine-readable face: one Atom 1.0 feed of everything published
//! (`/feed.atom`) and a sitemap (`/sitemap.xml`) of every public page, so council websites,
//! feed readers and search engines find the board's work.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::DomainResult;
use crate::feedback::atom::{escape, time};
use crate::spaces::SpaceKind;

/// One published thing.
#[derive(Debug, Clone)]
pub struct Published {
    /// The path on this site (`/documents/…/published`).
    pub path: String,
    pub title: String,
    /// What it is, in words ("Policy, from the Policy group").
    pub about: String,
    pub summary: String,
    pub updated: DateTime<Utc>,
}

/// Everything published, newest first: documents (minutes among them), You Said We Did and outcomes.
pub async fn published(db: &impl ConnectionTrait) -> DomainResult<Vec<Published>> {
    let mut out = Vec::new();
    for d in crate::documents::agreeing::list_published(db).await? {
        out.push(Published {
            path: format!("/documents/{}/published", d.id),
            about: format!("{}, from {}", d.kind.label(), d.space_name),
            summary: format!("{} published by {}.", d.kind.label(), d.space_name),
            title: d.title,
            updated: d.published_at,
        });
    }
    if crate::spaces::service::home_board(db).await?.is_some() {
        let (items, _) = crate::feedback::service::list(db, None, &crate::feedback::Filter::default(), true).await?;
        for i in items {
            let mut summary = format!("You said: {}", i.said);
            if let Some(r) = &i.response {
                summary.push_str(&format!("\n\nWe did: {r}"));
            }
            out.push(Published { path: i.link.clone(), title: crate::feedback::atom::title(&i.said), about: "You Said We Did".into(), summary, updated: i.last_update_at });
        }
    }
    if crate::spaces::service::home_board(db).await?.is_some() {
        for o in crate::outcomes::service::list(db, None).await?.items {
            out.push(Published { path: format!("/outcomes/{}", o.id), title: o.title, about: "Outcome".into(), summary: o.summary, updated: o.published_at.unwrap_or(o.updated_at) });
        }
    }
    out.sort_by(|a, b| b.updated.cmp(&a.updated));
    Ok(out)
}

/// The Atom feed. `site` is the site's address without a trailing slash.
pub fn atom(site: &str, board_name: &str, items: &[Published]) -> String {
    let updated = items.iter().map(|i| i.updated).max().unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let site = escape(site);
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">\n");
    x.push_str(&format!("  <title>{}</title>\n", escape(&format!("Published by {board_name}"))));
    x.push_str("  <subtitle>Policies, paperwork, minutes and You Said We Did, as the board publishes them.</subtitle>\n");
    x.push_str(&format!("  <id>{site}/</id>\n"));
    x.push_str(&format!("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{site}/feed.atom\"/>\n"));
    x.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{site}/published\"/>\n"));
    x.push_str(&format!("  <updated>{}</updated>\n", time(updated)));
    x.push_str(&format!("  <author><name>{}</name></author>\n", escape(board_name)));
    for i in items {
        let url = format!("{site}{}", escape(&i.path));
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", escape(&i.title)));
        x.push_str(&format!("    <id>{url}</id>\n"));
        x.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n"));
        x.push_str(&format!("    <updated>{}</updated>\n", time(i.updated)));
        x.push_str(&format!("    <category term=\"{}\"/>\n", escape(&i.about)));
        x.push_str(&format!("    <summary type=\"text\">{}</summary>\n", escape(&i.summary)));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// Every public page: the fixed ones, each group's page, and each published thing.
pub async fn sitemap(db: &impl ConnectionTrait, site: &str) -> DomainResult<String> {
    let mut urls: Vec<(String, Option<DateTime<Utc>>)> = ["/", "/vision", "/groups", "/published", "/you-said-we-did", "/outcomes", "/glossary", "/tell-us"].into_iter().map(|p| (p.to_owned(), None)).collect();
    let mut page = crate::page::PageRequest { limit: crate::page::MAX_LIMIT, after: None };
    loop {
        let groups = crate::spaces::service::list_spaces(db, Some(SpaceKind::Group), page).await?;
        urls.extend(groups.items.iter().map(|g| (format!("/groups/{}", g.slug), None)));
        match (groups.next_cursor, groups.items.last()) {
            (Some(_), Some(last)) => page.after = Some(last.id),
            _ => break,
        }
    }
    urls.extend(published(db).await?.into_iter().map(|p| (p.path, Some(p.updated))));
    let site = escape(site);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, modified) in urls {
        x.push_str(&format!("  <url><loc>{site}{}</loc>", escape(&path)));
        if let Some(m) = modified {
            x.push_str(&format!("<lastmod>{}</lastmod>", time(m)));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    Ok(x)
}
