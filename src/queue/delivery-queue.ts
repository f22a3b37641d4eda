/** The background delivery queue: one job per delivery, the job id being the delivery id. */
export const DELIVERY_QUEUE = 'delivery';
