//! The specs are read from the shared test data next to the project (`../shared/specs/`),
//! never copied in. When they are not there the generated modules are left out
//! (`cfg(shared_specs)` unset) and the tests say why, or fail under `CI=true`.

use std::path::Path;

const SPECS: [&str; 3] = ["keeper.json", "buildomat.json", "realworld/haystack.json"];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shared_specs)");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/specs");
    println!("cargo::rerun-if-changed={}", dir.display());
    if SPECS.iter().all(|spec| dir.join(spec).is_file()) {
        println!("cargo::rustc-cfg=shared_specs");
    }
}
