//! Fetching a place's rows: one page (following empty pages with a next link), read as drive
//! items, sites, libraries, teams or channels, or a channel's folder to list next.

use crate::picker::model::listing::Row;
use crate::picker::model::source::Expect;
use crate::auth::TokenSource;
use crate::graph::client::{parse, Graph};
use crate::graph::interner::Interner;
use crate::graph::{Channel, Drive, DriveItem, GraphError, GraphUrl, Page, Team};
use crate::http::Transport;

/// Empty pages (with a next link) followed in a row before the listing gives up on filling a page.
const MAX_EMPTY_PAGES: usize = 10;

/// What a request brought.
pub enum Answer {
    /// Rows, and the next page's link.
    Rows(Vec<Row>, Option<String>),
    /// A folder to list (a channel's files folder).
    Folder(Box<DriveItem>),
}

/// Fetches one page (following empty pages) and turns it into rows.
pub async fn fetch_rows<S: TokenSource, X: Transport>(
    graph: &Graph<S, X>,
    mut url: GraphUrl,
    expect: Expect,
    team: &str,
) -> Result<Answer, GraphError> {
    let mut empty = 0;
    loop {
        let body = graph.get_body(&url).await?;
        let (rows, next) = match expect {
            Expect::Folder => return parse(&body).map(|f| Answer::Folder(Box::new(f))),
            Expect::Items => {
                let mut interner = Interner::default();
                rows(&body, |mut item: DriveItem| {
                    interner.share(&mut item);
                    Row::Item(item)
                })?
            }
            Expect::Sites => rows(&body, Row::site)?,
            Expect::Drives => rows::<Drive>(&body, Row::library)?,
            Expect::Teams => rows::<Team>(&body, Row::team)?,
            Expect::Channels => rows(&body, |c: Channel| Row::channel(team, c))?,
        };
        // Pages may be empty yet have a next link: follow a few before showing "more".
        match next {
            Some(n) if rows.is_empty() && empty < MAX_EMPTY_PAGES => {
                empty += 1;
                url = graph.base().link(&n)?;
            }
            next => return Ok(Answer::Rows(rows, next)),
        }
    }
}

fn rows<T: serde::de::DeserializeOwned>(
    body: &str,
    to_row: impl FnMut(T) -> Row,
) -> Result<(Vec<Row>, Option<String>), GraphError> {
    let page: Page<T> = parse(body)?;
    Ok((page.value.into_iter().map(to_row).collect(), page.next_link))
}
