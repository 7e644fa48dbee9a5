//! Store records → wire types.

use crate::clock::date_time;
use crate::store::{BatchOutcome, CustomerRecord, FlowRun, Program};
use crate::wire::types;

/// The wire type of a record id. Every record id is made by `ids::uuid`, so it parses; an id
/// that did not would be a sandbox bug, caught by the debug assertion in tests and shown
/// as the nil UUID rather than failing the response otherwise.
pub(crate) fn wire(id: &str) -> jeri_runtime::uuid::Uuid {
    let parsed = jeri_runtime::uuid::Uuid::try_parse(id);
    debug_assert!(parsed.is_ok(), "record id {id:?} is not a UUID");
    parsed.unwrap_or_default()
}

fn count(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// `BatchResult` for a batch outcome.
pub(crate) fn batch_result(outcome: &BatchOutcome) -> types::BatchResult {
    types::BatchResult {
        accepted: count(outcome.accepted),
        failed: count(outcome.failures.len()),
        errors: outcome
            .failures
            .iter()
            .map(|failure| types::BatchItemError {
                index: count(failure.index),
                email: failure.email.clone(),
                message: failure.message.clone(),
            })
            .collect(),
    }
}

/// The per-item messages of a batch where nothing was applied.
pub(crate) fn batch_messages(outcome: &BatchOutcome) -> Vec<String> {
    outcome
        .failures
        .iter()
        .map(|failure| format!("{}: {}", failure.index, failure.message))
        .collect()
}

/// `Customer` for a stored customer.
pub(crate) fn customer(program: &Program, record: &CustomerRecord) -> types::Customer {
    types::Customer {
        id: wire(&record.id),
        program_id: wire(&program.id),
        email: record.email.clone(),
        origin: types::CustomerOrigin::from("API".to_owned()),
        referral: jeri_runtime::Nullable::Null,
        utm_campaign: jeri_runtime::Nullable::Null,
        utm_source: jeri_runtime::Nullable::Null,
        utm_medium: jeri_runtime::Nullable::Null,
        balance_notifications: true,
        tier_notifications: true,
        reward_available_notifications: true,
        location_notifications: false,
        marketing_notifications: true,
        referral_earned: false,
        created_at: date_time(record.created_at),
        updated_at: date_time(record.updated_at),
        user_data: record.user.as_ref().map(|user| types::CustomerUserData {
            id: wire(&user.id),
            customer_id: wire(&record.id),
            external_customer_id: user.external_customer_id.clone().into(),
            first_name: user.first_name.clone().into(),
            last_name: user.last_name.clone().into(),
            phone: user.phone.clone().into(),
            email_verified: Some(user.email_verified),
            created_at: Some(date_time(user.created_at)),
            updated_at: Some(date_time(user.updated_at)),
        }),
        loyalty_data: record
            .loyalty
            .as_ref()
            .map(|loyalty| types::CustomerLoyaltyData {
                id: wire(&loyalty.id),
                customer_id: wire(&record.id),
                loyalty_customer_id: loyalty.loyalty_customer_id.clone().into(),
                balance: loyalty.balance,
                member_since: loyalty.member_since.into(),
                tier_status: loyalty.tier_status.clone().into(),
                referral_link: jeri_runtime::Nullable::Null,
            }),
    }
}

/// `EarningFlowExecution` for a flow run.
pub(crate) fn flow_execution(run: &FlowRun) -> types::EarningFlowExecution {
    types::EarningFlowExecution {
        points_awarded: run.points_awarded,
        remaining_executions: run.remaining.map(i64::from),
        recurrence: types::EarningFlowRecurrence::from(run.recurrence.as_str().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn record_ids_keep_their_text_on_the_wire() {
        let id = crate::ids::uuid();
        assert_eq!(super::wire(&id).to_string(), id);
    }
}
