// `scope(...)` naming a security scheme the spec does not define.
mod api {
    jeri_macros::generate!("specs/valid.yaml", scope(CustomerClient = "customerToken"));
}

fn main() {}
