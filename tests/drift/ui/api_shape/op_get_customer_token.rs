//! `getCustomerToken` (`GET /v1/programs/{programId}/customers/token`): the required
//! `email` and `token_type`, the optional `expires_in`, and `CustomerToken`.

use jeri_client::requests::GetCustomerTokenRequest;
use jeri_client::runtime::BoxFuture;
use jeri_client::types::{CustomerToken, TokenType};
use jeri_client::{CallOptions, Client, Error};

async fn _get_customer_token(client: &Client) -> Result<(), Error> {
    let program_id: &str = "my-program";
    let email: &str = "ana@example.com";
    let token_type: TokenType = TokenType::Auth;
    let expires_in: i64 = 3600;
    let options: CallOptions = CallOptions::new();
    let request: GetCustomerTokenRequest = client
        .get_customer_token(program_id, email, token_type)
        .expires_in(expires_in)
        .options(options);
    let token: CustomerToken = request.await?;
    let _access_token: String = token.access_token;

    let without_expiry: GetCustomerTokenRequest =
        client.get_customer_token(program_id, email, TokenType::Download);
    let _download: CustomerToken = without_expiry.await?;
    Ok(())
}

fn _token_types(token_type: &TokenType) -> &'static str {
    match token_type {
        TokenType::Auth => "auth",
        TokenType::Download => "download",
        TokenType::Unknown_(_) => "unlisted",
    }
}

fn _spawnable(request: GetCustomerTokenRequest) -> BoxFuture<Result<CustomerToken, Error>> {
    request.into_future()
}

fn main() {}
