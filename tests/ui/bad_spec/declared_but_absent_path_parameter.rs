// A path parameter whose `{name}` the path does not contain.
mod api {
    jeri_macros::generate!("specs/declared_but_absent_path_parameter.yaml");
}

fn main() {}
