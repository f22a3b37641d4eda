import { describe, expect, it } from '@jest/globals';
import { PollOutcome, PollSchedule, REQUESTS_PER_MINUTE } from './reply-poller';

const NOTHING_NEW: PollOutcome = { changed: false, requests: 1 };
const SOMETHING_NEW: PollOutcome = { changed: true, requests: 1 };

/** The delays the schedule asks for after each of `outcomes`, polling exactly when it says. */
function delaysAfter(schedule: PollSchedule, outcomes: PollOutcome[], start = 0): number[] {
  let now = start;
  return outcomes.map((outcome) => {
    const delay = schedule.afterPoll(now, outcome);
    now += delay;
    return delay;
  });
}

/** The most requests made within any 60 s, when polls go exactly when the schedule says. */
function busiestMinute(schedule: PollSchedule, outcomes: PollOutcome[]): number {
  const requestTimes: number[] = [];
  let now = 0;
  for (const outcome of outcomes) {
    for (let request = 0; request < outcome.requests; request++) requestTimes.push(now);
    now += schedule.afterPoll(now, outcome);
  }
  return Math.max(...requestTimes.map((time) => requestTimes.filter((other) => other >= time && other < time + 60_000).length));
}

describe('the reply polling schedule', () => {
  it('waits 2 s after something new, then doubles up to 30 s while the assistant is talking', () => {
    const schedule = new PollSchedule();
    expect(delaysAfter(schedule, [SOMETHING_NEW, NOTHING_NEW, NOTHING_NEW, NOTHING_NEW, NOTHING_NEW, NOTHING_NEW])).toEqual([
      2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
    expect(delaysAfter(schedule, [SOMETHING_NEW], 100_000)).toEqual([2_000]);
  });

  it('stays within 5 s while a handoff is open, and slows down again once it is resolved', () => {
    const schedule = new PollSchedule();
    expect(delaysAfter(schedule, [NOTHING_NEW, NOTHING_NEW, NOTHING_NEW, NOTHING_NEW])).toEqual([4_000, 8_000, 16_000, 30_000]);
    schedule.setHandoffOpen(true);
    expect(delaysAfter(schedule, [NOTHING_NEW, NOTHING_NEW], 100_000)).toEqual([5_000, 5_000]);
    expect(delaysAfter(schedule, [SOMETHING_NEW, NOTHING_NEW, NOTHING_NEW, NOTHING_NEW], 200_000)).toEqual([2_000, 4_000, 5_000, 5_000]);
    schedule.setHandoffOpen(false);
    expect(delaysAfter(schedule, [NOTHING_NEW, NOTHING_NEW, NOTHING_NEW], 300_000)).toEqual([10_000, 20_000, 30_000]);
  });

  it("goes back to 2 s when hurried (the visitor wrote) and waits as long as a 429's Retry-After says", () => {
    const schedule = new PollSchedule();
    delaysAfter(schedule, [NOTHING_NEW, NOTHING_NEW, NOTHING_NEW]);
    schedule.hurry();
    expect(schedule.delayBeforePoll(100_000, 2_000)).toBe(2_000);
    expect(delaysAfter(schedule, [{ changed: false, requests: 1, retryAfterMs: 12_000 }], 100_000)).toEqual([12_000]);
  });

  it(`never makes more than ${REQUESTS_PER_MINUTE} requests in a minute, however busy the conversation`, () => {
    const open = new PollSchedule();
    open.setHandoffOpen(true);
    // Something new at every poll: the 2 s pace alone would make 30 a minute.
    expect(busiestMinute(open, Array.from({ length: 200 }, () => SOMETHING_NEW))).toBe(REQUESTS_PER_MINUTE);
    // A long conversation read page by page after a reload, then a busy chat.
    const reloaded = new PollSchedule();
    const pages = { changed: true, requests: 10 };
    expect(busiestMinute(reloaded, [pages, pages, ...Array.from({ length: 100 }, () => SOMETHING_NEW)])).toBe(REQUESTS_PER_MINUTE);
  });

  it('lets a poll go at once when the pane opens, unless the last minute used the budget', () => {
    const schedule = new PollSchedule();
    expect(schedule.delayBeforePoll(0, 0)).toBe(0);
    schedule.afterPoll(1_000, { changed: true, requests: REQUESTS_PER_MINUTE });
    expect(schedule.delayBeforePoll(5_000, 0)).toBe(56_000);
    expect(schedule.delayBeforePoll(61_000, 0)).toBe(0);
  });
});
