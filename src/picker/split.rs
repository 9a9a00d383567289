//! Split points: in the package (the `split` feature, see `tools/package.sh`) what the first
//! screen does not need is a WebAssembly module of its own, fetched when needed; elsewhere it is
//! linked in. [`call!`] calls a split point either way.

/// A split point's module could not be fetched (offline, or the page's server failed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadFailed;

impl From<leptos::wasm_split::SplitLoaderError> for LoadFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        LoadFailed
    }
}

/// Calls a split point: awaits it where it is one (its module may have to be fetched first),
/// calls it directly where it is linked in.
macro_rules! call {
    ($split_point:expr) => {{
        #[cfg(all(feature = "split", target_arch = "wasm32"))]
        let answer = $split_point.await;
        #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
        let answer = $split_point;
        answer
    }};
}
pub(crate) use call;
