//! Every required body field must be given; `reason` shows in the customer's activity log.

use jeri_client::types::BalanceChange;

fn main() {
    let _ = BalanceChange {
        email: String::from("ana@example.com"),
        amount: 120,
    };
}
