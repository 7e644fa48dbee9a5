//! Acting on one customer: rewards, coupons, push notifications, earning flows.

use super::catalogue::Recurrence;
use super::{Program, Refusal, customer_not_found, email_key};
use crate::{clock, ids};

/// A completed reward redemption.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Redemption {
    /// UUID of the redemption.
    pub(crate) id: String,
    /// UUID of the reward.
    pub(crate) reward_id: String,
    /// The customer's email.
    pub(crate) email: String,
    /// Points deducted.
    pub(crate) points_spent: i64,
    /// Balance afterwards.
    pub(crate) balance: i64,
    /// Discount code, for rewards with a linked discount.
    pub(crate) discount_code: Option<String>,
    /// Unix time.
    pub(crate) at: i64,
}

/// A coupon held by a customer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CouponGrant {
    /// UUID of the coupon.
    pub(crate) coupon_id: String,
    /// The code handed out.
    pub(crate) code: String,
    /// Unix time.
    pub(crate) at: i64,
}

/// A push notification accepted for delivery.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Notification {
    /// UUID.
    pub(crate) id: String,
    /// Recipient's email.
    pub(crate) email: String,
    /// Text.
    pub(crate) message: String,
    /// Optional title.
    pub(crate) title: Option<String>,
    /// Optional link.
    pub(crate) url: Option<String>,
    /// Unix time.
    pub(crate) at: i64,
}

/// The result of running an earning flow.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FlowRun {
    /// Points added.
    pub(crate) points_awarded: i64,
    /// Runs left in the current period; `None` when unlimited.
    pub(crate) remaining: Option<u32>,
    /// The flow's recurrence.
    pub(crate) recurrence: Recurrence,
}

/// Whether two Unix times fall in the same period of `recurrence`.
fn same_period(recurrence: Recurrence, a: i64, b: i64) -> bool {
    match recurrence {
        Recurrence::Once | Recurrence::Unlimited => true,
        Recurrence::Daily => clock::day_index(a) == clock::day_index(b),
        Recurrence::Weekly => clock::week_index(a) == clock::week_index(b),
        Recurrence::Monthly => clock::month_index(a) == clock::month_index(b),
    }
}

impl Program {
    /// Redeems a reward (by UUID or readable id) for a customer.
    pub(crate) fn redeem(
        &mut self,
        reward_key: &str,
        email: &str,
        now: i64,
    ) -> Result<Redemption, Refusal> {
        let reward = self
            .catalogue
            .reward(reward_key)
            .cloned()
            .ok_or_else(|| Refusal::NotFound("Reward not found".to_owned()))?;
        let customer = self.customer_mut(email)?;
        let previous = customer.balance();
        let used = customer.redemptions.get(&reward.id).copied().unwrap_or(0);
        if reward.max_per_customer.is_some_and(|max| used >= max) {
            return Err(Refusal::Unprocessable(
                "Reward redemption limit reached".to_owned(),
            ));
        }
        let balance = customer.debit(reward.cost, now)?;
        customer.redemptions.insert(reward.id.clone(), used + 1);
        let email = customer.email.clone();
        self.announce_balance(&email, previous, now);
        Ok(Redemption {
            id: ids::uuid(),
            reward_id: reward.id,
            email,
            points_spent: reward.cost,
            balance,
            discount_code: reward.discount_prefix.map(ids::code),
            at: now,
        })
    }

    /// Assigns a coupon (by UUID or readable id) to a customer, once.
    pub(crate) fn assign_coupon(
        &mut self,
        coupon_key: &str,
        email: &str,
        now: i64,
    ) -> Result<(CouponGrant, String), Refusal> {
        let coupon = self
            .catalogue
            .coupon(coupon_key)
            .cloned()
            .ok_or_else(|| Refusal::NotFound("Coupon not found".to_owned()))?;
        let customer = self.customer_mut(email)?;
        if customer.coupons.contains_key(&coupon.id) {
            return Err(Refusal::Conflict(
                "Coupon already assigned to this customer".to_owned(),
            ));
        }
        let grant = CouponGrant {
            coupon_id: coupon.id.clone(),
            code: ids::code(coupon.code_prefix),
            at: now,
        };
        customer.coupons.insert(coupon.id, grant.clone());
        Ok((grant, customer.email.clone()))
    }

    /// Records a push notification for a customer.
    pub(crate) fn notify(
        &mut self,
        email: &str,
        message: String,
        title: Option<String>,
        url: Option<String>,
        now: i64,
    ) -> Result<Notification, Refusal> {
        let email = self
            .customers
            .get(&email_key(email))
            .map(|customer| customer.email.clone())
            .ok_or_else(customer_not_found)?;
        let notification = Notification {
            id: ids::uuid(),
            email,
            message,
            title,
            url,
            at: now,
        };
        self.notifications.push(notification.clone());
        Ok(notification)
    }

    /// Runs an earning flow (by UUID or type name) for a customer within its limit.
    pub(crate) fn run_flow(
        &mut self,
        flow_key: &str,
        email: &str,
        now: i64,
    ) -> Result<FlowRun, Refusal> {
        let flow = self
            .catalogue
            .flow(flow_key)
            .cloned()
            .ok_or_else(|| Refusal::NotFound("Earning flow not found".to_owned()))?;
        let customer = self.customer_mut(email)?;
        let runs = customer
            .flow_runs
            .get(&flow.id)
            .cloned()
            .unwrap_or_default();
        let used = runs
            .iter()
            .filter(|&&at| same_period(flow.recurrence, at, now))
            .count();
        let used = u32::try_from(used).unwrap_or(u32::MAX);
        let limited = flow.recurrence != Recurrence::Unlimited;
        if limited && used >= flow.limit {
            return Err(Refusal::Unprocessable(
                "No executions left for this earning flow".to_owned(),
            ));
        }
        let previous = customer.balance();
        customer.credit(flow.points, now)?;
        customer.flow_runs.entry(flow.id).or_default().push(now);
        self.announce_balance(email, previous, now);
        Ok(FlowRun {
            points_awarded: flow.points,
            remaining: limited.then(|| flow.limit - used - 1),
            recurrence: flow.recurrence,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::customer::{UpsertItem, UserUpdate};
    use crate::store::{Direction, Store};

    const DAY: i64 = 86_400;

    fn program_with(balance: i64) -> Store {
        let mut store = Store::new();
        let program = store.program("acme");
        let email = "jane@example.com".to_owned();
        program.upsert(
            vec![(email.clone(), UpsertItem::Users(UserUpdate::default()))],
            0,
        );
        if balance > 0 {
            program.change_balances(Direction::Increase, vec![(email, balance)], 0);
        }
        store
    }

    #[test]
    fn redeeming_spends_points_and_needs_enough() {
        let mut store = program_with(300);
        let program = store.program("acme");
        let shipping = program.redeem("free-shipping", "jane@example.com", 1);
        let shipping = shipping.map(|r| (r.points_spent, r.balance, r.discount_code.is_some()));
        assert_eq!(shipping, Ok((250, 50, true)));
        let drink = program.redeem("welcome-drink", "jane@example.com", 2);
        assert_eq!(
            drink,
            Err(Refusal::Unprocessable("Insufficient balance".to_owned()))
        );
        assert!(matches!(
            program.redeem("nope", "jane@example.com", 2),
            Err(Refusal::NotFound(_))
        ));
        assert!(matches!(
            program.redeem("welcome-drink", "x@example.com", 2),
            Err(Refusal::NotFound(_))
        ));
    }

    #[test]
    fn limited_rewards_refuse_past_the_limit() {
        let mut store = program_with(0);
        let program = store.program("acme");
        let first = program.redeem("birthday-gift", "jane@example.com", 1);
        assert_eq!(first.map(|r| r.points_spent), Ok(0));
        assert!(matches!(
            program.redeem("birthday-gift", "jane@example.com", 2),
            Err(Refusal::Unprocessable(_))
        ));
    }

    #[test]
    fn a_coupon_is_assigned_once() {
        let mut store = program_with(0);
        let program = store.program("acme");
        let grant = program.assign_coupon("welcome-10", "jane@example.com", 1);
        assert!(grant.is_ok_and(|(grant, _)| grant.code.starts_with("WELCOME10-")));
        assert!(matches!(
            program.assign_coupon("welcome-10", "jane@example.com", 2),
            Err(Refusal::Conflict(_))
        ));
        assert!(
            program
                .assign_coupon("summer-sale", "jane@example.com", 2)
                .is_ok()
        );
    }

    #[test]
    fn notifications_are_recorded_for_known_customers() {
        let mut store = program_with(0);
        let program = store.program("acme");
        let sent = program.notify("jane@example.com", "Hi".to_owned(), None, None, 1);
        assert!(sent.is_ok());
        assert_eq!(program.notifications.len(), 1);
        assert!(
            program
                .notify("x@example.com", "Hi".to_owned(), None, None, 1)
                .is_err()
        );
    }

    #[test]
    fn once_flows_award_once() {
        let mut store = program_with(0);
        let program = store.program("acme");
        let run = program.run_flow("CUSTOM_1", "jane@example.com", 1);
        assert_eq!(
            run.map(|r| (r.points_awarded, r.remaining)),
            Ok((50, Some(0)))
        );
        assert!(matches!(
            program.run_flow("CUSTOM_1", "jane@example.com", 10 * DAY),
            Err(Refusal::Unprocessable(_))
        ));
        let balance = program.customer("jane@example.com").map(|c| c.balance());
        assert_eq!(balance, Some(50));
    }

    #[test]
    fn daily_flows_reset_the_next_day_and_unlimited_ones_never_stop() {
        let mut store = program_with(0);
        let program = store.program("acme");
        let email = "jane@example.com";
        assert!(program.run_flow("CUSTOM_2", email, DAY + 5).is_ok());
        assert!(program.run_flow("CUSTOM_2", email, DAY + 500).is_err());
        assert!(program.run_flow("CUSTOM_2", email, 2 * DAY).is_ok());
        let weekly: Vec<_> = (0..3)
            .map(|i| program.run_flow("CUSTOM_3", email, i).map(|r| r.remaining))
            .collect();
        assert_eq!(weekly[0], Ok(Some(1)));
        assert_eq!(weekly[1], Ok(Some(0)));
        assert!(weekly[2].is_err());
        for at in 0..5 {
            let run = program.run_flow("CUSTOM_5", email, at);
            assert_eq!(run.map(|r| r.remaining), Ok(None));
        }
        assert!(matches!(
            program.run_flow("CUSTOM_9", email, 0),
            Err(Refusal::NotFound(_))
        ));
    }
}
