//! Where the picker starts when the page says: a source, or a drive, site, group, item or
//! path, with the crumb it shows.

use crate::picker::model::listing::PlaceKind;
use crate::picker::model::source::{Place, Source};
use crate::picker::model::state::{Crumb, CrumbName};
use crate::graph::FolderRef;

/// `item:{drive id}/{item id}`'s folder.
fn item_folder(s: &str, value: &str) -> Result<FolderRef, String> {
    let (drive_id, item_id) = value
        .split_once('/')
        .filter(|(d, i)| !d.is_empty() && !i.is_empty())
        .ok_or_else(|| format!("start '{s}': expected item:{{drive id}}/{{item id}}"))?;
    Ok(FolderRef::Item {
        drive_id: drive_id.into(),
        item_id: item_id.into(),
    })
}

/// Reads a start location the page chose: `drive:{id}`, `site:{id}`, `group:{id}`,
/// `item:{drive id}/{item id}` or `path:/Folder/Sub` (in My files). Returns the source it
/// belongs to, the place, and the name its crumb shows.
pub fn parse_start(s: &str) -> Result<(Source, Crumb), String> {
    let (kind, value) = s
        .trim()
        .split_once(':')
        .ok_or_else(|| format!("start '{s}': expected kind:value"))?;
    let value = value.trim();
    if value.is_empty() {
        return Err(format!("start '{s}': empty {kind}"));
    }
    let named = |kind: PlaceKind| CrumbName::Kind(kind);
    let (source, folder, name) = match kind.trim() {
        "drive" => (
            Source::MyFiles,
            FolderRef::DriveRoot {
                drive_id: value.into(),
            },
            named(PlaceKind::Library),
        ),
        "site" => (
            Source::Sites,
            FolderRef::SiteRoot {
                site_id: value.into(),
            },
            named(PlaceKind::Site),
        ),
        "group" => (
            Source::Teams,
            FolderRef::GroupRoot {
                group_id: value.into(),
            },
            named(PlaceKind::Team),
        ),
        "item" => (
            Source::MyFiles,
            item_folder(s, value)?,
            named(PlaceKind::Folder),
        ),
        "path" => {
            let name = value.trim_end_matches('/').rsplit('/').next();
            let name = CrumbName::Text(name.unwrap_or(value).into());
            let folder = FolderRef::MyPath { path: value.into() };
            (Source::MyFiles, folder, name)
        }
        other => return Err(format!("start '{s}': unknown kind '{other}'")),
    };
    Ok((
        source,
        Crumb {
            place: Place::Folder(folder),
            name,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_locations_the_page_can_choose() {
        let (source, crumb) = parse_start("path:/Documents/Reports/").unwrap();
        assert_eq!(source, Source::MyFiles);
        assert_eq!(crumb.name, CrumbName::Text("Reports".into()));
        assert_eq!(
            crumb.place,
            Place::Folder(FolderRef::MyPath {
                path: "/Documents/Reports/".into()
            })
        );
        assert_eq!(parse_start("site:h,1,2").unwrap().0, Source::Sites);
        assert_eq!(parse_start("group:g1").unwrap().0, Source::Teams);
        assert!(matches!(
            parse_start("item:b!x/01ABC").unwrap().1.place,
            Place::Folder(FolderRef::Item { .. })
        ));
        for bad in ["", "drive:", "item:only", "item:/x", "folder:x", "nocolon"] {
            assert!(parse_start(bad).is_err(), "{bad}");
        }
    }
}
