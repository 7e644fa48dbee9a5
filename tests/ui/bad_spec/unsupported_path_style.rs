// A path parameter style the runtime cannot write.
mod api {
    jeri_macros::generate!("specs/unsupported_path_style.yaml");
}

fn main() {}
