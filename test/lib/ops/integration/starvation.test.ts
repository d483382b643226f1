import { starvationMeter } from './commands';

/*
 * The fault rows' time bound leaves out the time the test process was starved of CPU: the meter
 * must count CPU work that holds up the event loop, and must not count waiting, or a command that
 * ignored its deadline while awaiting a stalled call would pass.
 */
describe('the starvation meter behind the fault rows time bound', () => {
  it('counts time the event loop is held by CPU work', () => {
    const stop = starvationMeter();
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        const until = Date.now() + 300;
        while (Date.now() < until) {
          // Busy: no timer can fire.
        }
        setTimeout(() => {
          expect(stop()).toBeGreaterThanOrEqual(250);
          resolve();
        }, 30);
      }, 30);
    });
  });

  it('does not count time spent waiting', async () => {
    const stop = starvationMeter();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // On a loaded machine some ticks are late anyway: far less than the 500 ms waited.
    expect(stop()).toBeLessThan(250);
  });
});
