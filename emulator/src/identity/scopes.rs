//! Scope parsing: Graph permissions, OIDC scopes, `.default`, resource prefixes.

use crate::config::AppRegistration;

/// The Graph resource URI.
pub const GRAPH_RESOURCE: &str = "https://graph.microsoft.com";

/// Delegated Graph permissions the emulator knows (canonical spelling).
pub const GRAPH_SCOPES: &[&str] = &[
    "User.Read",
    "User.ReadBasic.All",
    "User.Read.All",
    "Files.Read",
    "Files.Read.All",
    "Files.ReadWrite",
    "Files.ReadWrite.All",
    "Sites.Read.All",
    "Sites.ReadWrite.All",
    "Team.ReadBasic.All",
    "Channel.ReadBasic.All",
    "Group.Read.All",
];

/// OpenID Connect scopes.
pub const OIDC_SCOPES: &[&str] = &["openid", "profile", "email", "offline_access"];

/// A parsed `scope` parameter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scopes {
    /// Graph permissions (canonical spelling, de-duplicated, in request order).
    pub graph: Vec<String>,
    /// OIDC scopes requested.
    pub oidc: Vec<String>,
}

/// Why a scope parameter is refused: (AADSTS code, `error`, description).
pub type ScopeError = (u32, &'static str, String);

/// Parses a space-separated scope string for `app`.
pub fn parse(scope: &str, app: &AppRegistration) -> Result<Scopes, ScopeError> {
    let mut out = Scopes::default();
    let mut other_resource: Option<String> = None;
    for raw in scope.split_whitespace() {
        if let Some(o) = OIDC_SCOPES.iter().find(|o| o.eq_ignore_ascii_case(raw)) {
            push(&mut out.oidc, o);
            continue;
        }
        let (resource, name) = match raw.rsplit_once('/') {
            Some((r, n)) if r.starts_with("https://") || r.starts_with("api://") => {
                (Some(r.trim_end_matches('/')), n)
            }
            _ => (None, raw),
        };
        if let Some(r) = resource {
            if !r.eq_ignore_ascii_case(GRAPH_RESOURCE) {
                other_resource = Some(r.to_string());
                continue;
            }
        }
        if name == ".default" {
            if resource.is_none() {
                return Err(invalid_scope(raw));
            }
            for p in &app.api_permissions {
                push(&mut out.graph, p);
            }
            continue;
        }
        match GRAPH_SCOPES.iter().find(|s| s.eq_ignore_ascii_case(name)) {
            Some(s) => push(&mut out.graph, s),
            None => return Err(invalid_scope(raw)),
        }
    }
    if let Some(r) = other_resource {
        if !out.graph.is_empty() {
            return Err((
                28000,
                "invalid_scope",
                format!("AADSTS28000: Provided value for the input parameter scope is not valid because it contains more than one resource. Scope {scope} is not valid."),
            ));
        }
        return Err((
            500011,
            "invalid_resource",
            format!("AADSTS500011: The resource principal named {r} was not found in the tenant. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant."),
        ));
    }
    Ok(out)
}

fn push(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

fn invalid_scope(raw: &str) -> ScopeError {
    (
        70011,
        "invalid_scope",
        format!("AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope '{raw}' is not valid."),
    )
}

/// Whether `granted` satisfies `needed` (a stronger permission implies the weaker one).
pub fn implies(granted: &str, needed: &str) -> bool {
    if granted.eq_ignore_ascii_case(needed) {
        return true;
    }
    matches!(
        (granted, needed),
        ("Files.ReadWrite", "Files.Read")
            | ("Files.Read.All", "Files.Read")
            | (
                "Files.ReadWrite.All",
                "Files.Read" | "Files.ReadWrite" | "Files.Read.All"
            )
            | ("Sites.ReadWrite.All", "Sites.Read.All")
            | ("User.Read.All", "User.ReadBasic.All")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::default_apps;

    #[test]
    fn parses_graph_and_oidc_scopes() {
        let app = &default_apps()[0];
        let s = parse(
            "openid profile offline_access user.read https://graph.microsoft.com/Files.Read",
            app,
        )
        .unwrap();
        assert_eq!(s.graph, vec!["User.Read", "Files.Read"]);
        assert_eq!(s.oidc, vec!["openid", "profile", "offline_access"]);
    }

    #[test]
    fn default_expands_to_static_permissions() {
        let app = &default_apps()[0];
        let s = parse("https://graph.microsoft.com/.default openid", app).unwrap();
        assert_eq!(s.graph, app.api_permissions);
    }

    #[test]
    fn rejects_unknown_and_mixed_resources() {
        let app = &default_apps()[0];
        assert_eq!(parse("Files.Frobnicate", app).unwrap_err().0, 70011);
        assert_eq!(parse("User.Read api://other/x", app).unwrap_err().0, 28000);
        assert_eq!(parse(".default", app).unwrap_err().0, 70011);
    }

    #[test]
    fn stronger_permissions_imply_weaker() {
        assert!(implies("Files.ReadWrite.All", "Files.Read"));
        assert!(!implies("Files.Read", "Files.ReadWrite"));
    }
}
