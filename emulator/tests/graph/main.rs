//! Graph v1.0 over HTTP: every endpoint the picker uses, its failure paths, and schema validation
//! of every JSON body.

#[path = "../common/mod.rs"]
mod common;

use std::collections::HashSet;

use common::*;
use reqwest::header::{ACCESS_CONTROL_ALLOW_ORIGIN, LOCATION, ORIGIN};
use serde_json::{json, Value};

const ITEMS: &str = "microsoft.graph.driveItemCollectionResponse";
const ITEM: &str = "microsoft.graph.driveItem";

fn names(page: &Value) -> Vec<String> {
    page["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect()
}

fn find<'a>(page: &'a Value, name: &str) -> &'a Value {
    page["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {:?}", names(page)))
}

fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    (
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        u32::from_be_bytes(png[20..24].try_into().unwrap()),
    )
}

mod access;
mod feeds;
mod listing;
mod places;
mod shares;
mod writes;
