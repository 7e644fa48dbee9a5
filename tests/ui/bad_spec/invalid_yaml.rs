// A YAML syntax error, reported at its line.
mod api {
    jeri_macros::generate!("specs/invalid_yaml.yaml");
}

fn main() {}
