//! The item resolver: how a request names an item (`root`, `items/{id}`, `root:/a/b:`), the
//! item it names (or the place a new one would go), and the access check every item route makes.

use super::ctx::{Ctx, READ_ALL, READ_OWN, WRITE_ALL, WRITE_OWN};
use super::error::GraphError;
use crate::store::{Drive, Item, Owner, Store};
use crate::util::decode_path;

/// How a request names an item.
#[derive(Debug)]
pub enum ItemSel {
    /// `root`
    Root,
    /// `items/{id}`
    Id(String),
    /// `root:/path` or `items/{id}:/path` (decoded path)
    Path(Option<String>, String),
}

/// A resolved item, or the place a new one would go (path addressing of a missing name).
#[derive(Debug)]
pub enum Target {
    /// An existing item.
    Item(Item),
    /// `name` does not exist under `parent`.
    Missing {
        /// The parent folder.
        parent: Item,
        /// The new name.
        name: String,
    },
}

/// The item selector at the start of `rest` (after `drives/{id}/`), and what follows it.
pub fn parse_item_sel<'a>(
    rest: &'a [&'a str],
) -> Result<Option<(ItemSel, &'a [&'a str])>, GraphError> {
    let take_path = |from: usize| -> (String, usize) {
        let mut parts = Vec::new();
        let mut i = from;
        while i < rest.len() {
            let s = rest[i];
            i += 1;
            if let Some(last) = s.strip_suffix(':') {
                parts.push(decode_path(last));
                return (parts.join("/"), i);
            }
            parts.push(decode_path(s));
        }
        (parts.join("/"), i)
    };
    match rest {
        [] => Ok(None),
        ["root", tail @ ..] => Ok(Some((ItemSel::Root, tail))),
        ["root:", ..] => {
            let (path, next) = take_path(1);
            Ok(Some((ItemSel::Path(None, path), &rest[next..])))
        }
        ["items", id, tail @ ..] => match id.strip_suffix(':') {
            Some(id) => {
                let (path, next) = take_path(2);
                Ok(Some((
                    ItemSel::Path(Some(decode_path(id)), path),
                    &rest[next..],
                )))
            }
            None => Ok(Some((ItemSel::Id(decode_path(id)), tail))),
        },
        ["items"] => Err(GraphError::bad_request(
            "Enumerating the items of a drive is not supported.",
        )),
        _ => Ok(None),
    }
}

/// Resolves an item selector inside `drive`.
pub fn resolve(drive: &Drive, sel: &ItemSel) -> Result<Target, GraphError> {
    let root = drive.get(&drive.root).ok_or_else(GraphError::not_found)?;
    let (from, path) = match sel {
        ItemSel::Root => return Ok(Target::Item(root)),
        ItemSel::Id(id) => {
            return drive
                .get(id)
                .map(Target::Item)
                .ok_or_else(GraphError::not_found)
        }
        ItemSel::Path(None, p) => (root, p.as_str()),
        ItemSel::Path(Some(id), p) => {
            (drive.get(id).ok_or_else(GraphError::not_found)?, p.as_str())
        }
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let Some((last, parents)) = segments.split_last() else {
        return Ok(Target::Item(from));
    };
    let parent = drive
        .resolve_path(&from, &parents.join("/"))
        .ok_or_else(GraphError::not_found)?;
    match drive.child_named(&parent, last) {
        Some(item) => Ok(Target::Item(item)),
        None if parent.is_folder() => Ok(Target::Missing {
            parent,
            name: last.to_string(),
        }),
        None => Err(GraphError::not_found()),
    }
}

/// Requires read or write access to `item` of `drive`.
pub fn check_access(
    ctx: &Ctx,
    store: &Store,
    drive: &Drive,
    item: &Item,
    write: bool,
) -> Result<(), GraphError> {
    let own = matches!(&drive.owner, Owner::User(u) if *u == ctx.user.id);
    let scopes = match (own, write) {
        (true, false) => READ_OWN,
        (false, false) => READ_ALL,
        (true, true) => WRITE_OWN,
        (false, true) => WRITE_ALL,
    };
    ctx.require(scopes, GraphError::access_denied)?;
    if !store.can_access(&ctx.user, drive, item, write) {
        return Err(GraphError::access_denied());
    }
    Ok(())
}

/// The drive `id`, or Graph's 404 for it.
pub fn find_drive<'a>(store: &'a Store, id: &str) -> Result<&'a Drive, GraphError> {
    store.drives.get(id).ok_or_else(GraphError::not_found)
}

/// Looks up the existing item a request names, and its drive, checking access.
pub fn existing<'a>(
    ctx: &Ctx,
    store: &'a Store,
    drive_id: &str,
    sel: &ItemSel,
    write: bool,
) -> Result<(&'a Drive, Item), GraphError> {
    let drive = find_drive(store, drive_id)?;
    let item = match resolve(drive, sel)? {
        Target::Item(i) => i,
        Target::Missing { .. } => return Err(GraphError::not_found()),
    };
    check_access(ctx, store, drive, &item, write)?;
    Ok((drive, item))
}
