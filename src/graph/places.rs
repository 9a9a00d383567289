//! The containers a picker browses to before it reaches files: SharePoint sites, their document
//! libraries (drives), Teams and their channels. Tolerant like [`super::model`]: unknown
//! properties are ignored and `null` (Teams returns most properties as `null`) is absent.

use serde::Deserialize;

use super::lenient;

/// A SharePoint `site`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Site {
    /// Site id (opaque: `host,collection,web` in practice, never parsed).
    pub id: String,
    /// Display name.
    #[serde(default, deserialize_with = "lenient::string_or_empty")]
    pub display_name: String,
    /// URL name, when the display name is missing.
    #[serde(default, deserialize_with = "lenient::string_or_empty")]
    pub name: String,
    /// Where the site opens.
    #[serde(default)]
    pub web_url: Option<String>,
}

impl Site {
    /// The name to show.
    pub fn title(&self) -> &str {
        first_non_empty(&self.display_name, &self.name)
    }
}

/// A `drive` (a OneDrive, or a SharePoint document library).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Drive {
    /// Drive id (opaque).
    pub id: String,
    /// Name (`Documents`, `Shared Documents`…).
    #[serde(default, deserialize_with = "lenient::string_or_empty")]
    pub name: String,
    /// `personal`, `business` or `documentLibrary`.
    #[serde(default)]
    pub drive_type: Option<String>,
    /// Where the library opens.
    #[serde(default)]
    pub web_url: Option<String>,
}

/// A `team` (only `id` and `displayName` are populated by `/me/joinedTeams`).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Team {
    /// Team (group) id.
    pub id: String,
    /// Display name.
    #[serde(default, deserialize_with = "lenient::string_or_empty")]
    pub display_name: String,
    /// Archived teams are read-only.
    #[serde(default)]
    pub is_archived: Option<bool>,
}

/// A `channel`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Channel {
    /// Channel id (opaque).
    pub id: String,
    /// Display name.
    #[serde(default, deserialize_with = "lenient::string_or_empty")]
    pub display_name: String,
    /// `standard`, `private` or `shared`.
    #[serde(default)]
    pub membership_type: Option<String>,
}

fn first_non_empty<'a>(a: &'a str, b: &'a str) -> &'a str {
    if a.trim().is_empty() {
        b
    } else {
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Page;

    #[test]
    fn places_tolerate_nulls_and_unknown_properties() {
        let sites: Page<Site> = serde_json::from_str(
            r#"{"value":[{"id":"h,1,2","displayName":null,"name":"hr","webUrl":"https://c/sites/hr","x":1},
                         {"id":"h,3,4","displayName":"Marketing"},{"displayName":"no id"}]}"#,
        )
        .unwrap();
        let titles: Vec<&str> = sites.value.iter().map(Site::title).collect();
        assert_eq!(titles, ["hr", "Marketing"]);
        let teams: Page<Team> = serde_json::from_str(
            r#"{"@odata.count":1,"value":[{"id":"g1","displayName":"Sales","description":null,"isArchived":false,"memberSettings":null}]}"#,
        )
        .unwrap();
        assert_eq!(teams.value[0].display_name, "Sales");
        let drives: Page<Drive> = serde_json::from_str(
            r#"{"value":[{"id":"b!x","name":"Documents","driveType":"documentLibrary","owner":{}}]}"#,
        )
        .unwrap();
        assert_eq!(
            drives.value[0].drive_type.as_deref(),
            Some("documentLibrary")
        );
        let channels: Page<Channel> = serde_json::from_str(
            r#"{"value":[{"id":"19:abc@thread.tacv2","displayName":"General","membershipType":"standard"}]}"#,
        )
        .unwrap();
        assert_eq!(channels.value[0].id, "19:abc@thread.tacv2");
    }
}
