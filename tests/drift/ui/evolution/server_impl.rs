// The server implementation every server evolution case compiles, written for
// `specs/shop_v1.yaml`: both of its operations implemented. Each case generates `api`
// (in server mode) from one version of the spec, then includes this file.

use api::server;

struct Shop;

impl jeri_server::Answers for Shop {}

impl server::Server for Shop {
    async fn get_item(
        &self,
        request: server::GetItemRequest,
    ) -> jeri_server::Reply<server::GetItemResponse> {
        Ok(server::GetItemResponse::Status200(api::types::Item {
            id: request.item_id,
            name: "a lamp".to_owned(),
        }))
    }

    async fn ping(&self, request: server::PingRequest) -> jeri_server::Reply<server::PingResponse> {
        let _ = request;
        Ok(server::PingResponse::Status204)
    }
}

fn main() {
    let _router: axum::Router = server::router(Shop);
}
