// A macro setting that does not exist: the error lists the valid ones.
mod api {
    jeri_macros::generate!("specs/valid.yaml", colour = "red");
}

fn main() {}
