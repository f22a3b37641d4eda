import { Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  const logger = new Logger('test');

  it('runs the task and returns what it counted', async () => {
    expect(await new PeriodicTask('count', () => Promise.resolve(3), logger).run()).toBe(3);
  });

  it('skips a run that would start while the previous one is still going', async () => {
    let finish: (count: number) => void = () => undefined;
    const task = new PeriodicTask('slow', () => new Promise<number>((resolve) => (finish = resolve)), logger);
    const first = task.run();
    expect(await task.run()).toBe(0);
    finish(7);
    expect(await first).toBe(7);
    const third = task.run();
    finish(2);
    expect(await third).toBe(2);
  });

  it('runs again after a run that failed', async () => {
    let calls = 0;
    const task = new PeriodicTask('flaky', () => (calls++ === 0 ? Promise.reject(new Error('database gone')) : Promise.resolve(1)), logger);
    await expect(task.run()).rejects.toThrow('database gone');
    expect(await task.run()).toBe(1);
  });
});
