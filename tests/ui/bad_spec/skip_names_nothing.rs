// `skip(...)` naming an operation the spec does not have.
mod api {
    jeri_macros::generate!("specs/unsupported_path_style.yaml", skip("getThing", "getThings"));
}

fn main() {}
