//! Opening a folder that is not below the place shown: the one a pasted link shares.

use super::{Browser, Crumb, CrumbName};
use crate::graph::{DriveItem, FolderRef};
use crate::picker::model::source::Place;

impl Browser {
    /// Opens `folder` (a link's) just below the start of the source shown: Up leads there.
    /// Returns whether to fetch; a locked picker stays where it is, as does a file.
    pub fn open_linked(&mut self, folder: &DriveItem) -> bool {
        if self.floor.is_some() || !folder.is_folder() {
            return false;
        }
        let start = match self.before_search.take() {
            Some(saved) => saved.trail[0].clone(),
            None => self.trail[0].clone(),
        };
        self.trail = vec![
            start,
            Crumb {
                place: Place::Folder(FolderRef::of(folder)),
                name: CrumbName::Text(folder.name.clone()),
            },
        ];
        self.reset();
        true
    }
}
