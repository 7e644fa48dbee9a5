// A spec path that names no file: the error says where it looked.
mod api {
    jeri_macros::generate!("specs/does_not_exist.yaml");
}

fn main() {}
