//! The emulator's OData query parser ($select, $expand, $top, $orderby, $filter, $skiptoken…)
//! and search segment: any query string parses or is refused with a Graph error, never a panic.
#![no_main]

use emulator::graph::odata::{parse_search, QueryOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = QueryOptions::parse(&text);
    let _ = parse_search(&text);
});
