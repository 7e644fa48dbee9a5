// Several problems in one spec are all reported in one compile, and the parts without
// problems are still generated: `main` uses them, and no follow-on error appears.
mod api {
    jeri_macros::generate!("specs/several_errors.yaml");
}

fn main() {
    let _list: fn(&api::Client) -> api::requests::ListThingsRequest = api::Client::list_things;
    let _thing = api::types::Thing::default();
}
