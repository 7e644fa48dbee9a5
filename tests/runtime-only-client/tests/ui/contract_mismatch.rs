//! A runtime that implements another contract than the one the code was generated for.

mod runtime {
    pub use jeri_runtime::*;

    /// Shadows the glob-imported `CONTRACT`.
    pub const CONTRACT: u32 = 999;
}

mod keeper {
    jeri_macros::generate!("../../../../../shared/specs/keeper.json", runtime = crate::runtime);
}

fn main() {
    let _ = keeper::SERVERS;
}
