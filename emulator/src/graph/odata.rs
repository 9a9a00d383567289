//! OData query options (`$select`, `$expand`, `$top`, `$orderby`, `$filter`, `$skiptoken`), as
//! parsed from a request's query (paging them is [`super::paging`]'s).

use serde_json::{Map, Value};

use super::error::GraphError;

/// Default page size of driveItem collections.
pub const DEFAULT_TOP: usize = 200;
/// The largest `$top` the service honours.
pub const MAX_TOP: usize = 1000;

/// Parsed query options. Names are accepted with or without `$`, as the OneDrive API does.
#[derive(Clone, Debug, Default)]
pub struct QueryOptions {
    /// `$select` property names.
    pub select: Option<Vec<String>>,
    /// `$expand` entries: (navigation, nested `$select`).
    pub expand: Vec<(String, Option<Vec<String>>)>,
    /// `$top`.
    pub top: Option<usize>,
    /// `$orderby`: (property, descending).
    pub orderby: Option<(String, bool)>,
    /// `$filter` (raw).
    pub filter: Option<String>,
    /// `$skiptoken` (raw).
    pub skiptoken: Option<String>,
    /// `search` (for `/sites?search=`).
    pub search: Option<String>,
    /// Every pair, for rebuilding nextLinks.
    pub pairs: Vec<(String, String)>,
}

/// One `$expand` entry: the navigation and its nested `$select`.
fn parse_expand(e: String) -> (String, Option<Vec<String>>) {
    let Some((nav, rest)) = e.split_once('(') else {
        return (e, None);
    };
    let sel = rest
        .trim_end_matches(')')
        .split(';')
        .find_map(|o| {
            o.trim()
                .strip_prefix("$select=")
                .or_else(|| o.trim().strip_prefix("select="))
        })
        .map(split_list);
    (nav.trim().to_string(), sel)
}

/// `$top`: a positive count up to [`MAX_TOP`].
fn parse_top(v: &str) -> Result<usize, GraphError> {
    let n: i64 = v.trim().parse().map_err(|_| {
        GraphError::bad_request(format!("Invalid value '{v}' for query option $top."))
            .inner("invalidParameterFormat")
    })?;
    if n <= 0 {
        return Err(GraphError::bad_request("Invalid page size specified.")
            .inner("zeroOrFewerResultsRequested"));
    }
    if n as usize > MAX_TOP {
        return Err(GraphError::bad_request(format!(
            "The limit of '{MAX_TOP}' for Top query has been exceeded. The value from the incoming request is '{n}'."
        ))
        .inner("tooManyResultsRequested"));
    }
    Ok(n as usize)
}

/// `$orderby`: a property and `asc` (the default) or `desc`.
fn parse_orderby(v: &str) -> Result<(String, bool), GraphError> {
    let mut parts = v.split_whitespace();
    let prop = parts.next().unwrap_or("").to_string();
    let desc = match parts.next().map(str::to_ascii_lowercase).as_deref() {
        None | Some("asc") => false,
        Some("desc") => true,
        Some(other) => {
            return Err(GraphError::bad_request(format!(
                "Syntax error: character '{other}' is not valid in $orderby."
            )))
        }
    };
    Ok((prop, desc))
}

fn split_list(v: &str) -> Vec<String> {
    // Split on commas outside parentheses.
    let mut out = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in v.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

impl QueryOptions {
    /// Parses a raw query string.
    pub fn parse(raw: &str) -> Result<Self, GraphError> {
        let mut q = QueryOptions::default();
        for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
            let (k, v) = (k.into_owned(), v.into_owned());
            q.pairs.push((k.clone(), v.clone()));
            match k.trim_start_matches('$').to_ascii_lowercase().as_str() {
                "select" => q.select = Some(split_list(&v)),
                "expand" => q
                    .expand
                    .extend(split_list(&v).into_iter().map(parse_expand)),
                "top" => q.top = Some(parse_top(&v)?),
                "orderby" => q.orderby = Some(parse_orderby(&v)?),
                "filter" => q.filter = Some(v),
                "skiptoken" => q.skiptoken = Some(v),
                "search" => q.search = Some(v),
                _ => {}
            }
        }
        Ok(q)
    }

    /// Whether `$expand` names `nav`.
    pub fn expands(&self, nav: &str) -> Option<&Option<Vec<String>>> {
        self.expand
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(nav))
            .map(|(_, s)| s)
    }
}

/// Applies `$select` to an entity (annotations other than `@microsoft.graph.downloadUrl` survive).
pub fn select(v: Value, select: Option<&Vec<String>>, keep: &[&str]) -> Value {
    let Some(sel) = select else { return v };
    let Value::Object(map) = v else { return v };
    let out: Map<String, Value> = map
        .into_iter()
        .filter(|(k, _)| {
            sel.iter().any(|s| s.eq_ignore_ascii_case(k))
                || keep.contains(&k.as_str())
                || (k.starts_with("@odata.") && k != "@odata.context")
        })
        .collect();
    Value::Object(out)
}

/// Parses `search(q='…')` (single quotes doubled inside), returning the text.
pub fn parse_search(segment: &str) -> Result<Option<String>, GraphError> {
    let Some(rest) = segment
        .strip_prefix("search(q=")
        .or_else(|| segment.strip_prefix("search(q ="))
    else {
        return Ok(None);
    };
    let inner = rest.strip_suffix(')').ok_or_else(|| {
        GraphError::bad_request(format!(
            "Syntax error: character ')' is missing in '{segment}'."
        ))
    })?;
    let inner = inner.trim();
    let body = inner
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .ok_or_else(|| {
            GraphError::bad_request(format!(
                "Syntax error: the search text must be quoted in '{segment}'."
            ))
        })?;
    // An unescaped single quote ends the literal early: the real service answers a syntax error.
    let mut out = String::new();
    let mut chars = body.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            if chars.peek().map(|(_, n)| *n) == Some('\'') {
                chars.next();
            } else {
                return Err(GraphError::bad_request(format!(
                    "Syntax error: character ''' is not valid at position {} in '{segment}'.",
                    i + 10
                )));
            }
        }
        out.push(c);
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_options_with_and_without_dollar() {
        let q = QueryOptions::parse(
            "$select=id,name&expand=thumbnails($select=medium)&$top=5&$orderby=name%20desc",
        )
        .unwrap();
        assert_eq!(q.select.unwrap(), vec!["id", "name"]);
        assert_eq!(
            q.expand,
            vec![("thumbnails".to_string(), Some(vec!["medium".to_string()]))]
        );
        assert_eq!(q.top, Some(5));
        assert_eq!(q.orderby, Some(("name".into(), true)));
    }

    #[test]
    fn top_limits() {
        assert_eq!(QueryOptions::parse("$top=1000").unwrap().top, Some(1000));
        assert_eq!(QueryOptions::parse("$top=1001").unwrap_err().status, 400);
        assert_eq!(QueryOptions::parse("$top=0").unwrap_err().status, 400);
        assert_eq!(QueryOptions::parse("$top=abc").unwrap_err().status, 400);
    }

    #[test]
    fn search_literals() {
        assert_eq!(
            parse_search("search(q='budget')").unwrap().unwrap(),
            "budget"
        );
        assert_eq!(parse_search("search(q='it''s')").unwrap().unwrap(), "it's");
        assert!(parse_search("search(q='it's')").is_err());
        assert!(parse_search("children").unwrap().is_none());
    }
}
