import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('flushes once for a burst, after it goes quiet', () => {
    const flush = jest.fn();
    const coalescer = new Coalescer(flush, 100, 1000);
    for (let i = 0; i < 50; i += 1) coalescer.notify();
    jest.advanceTimersByTime(99);
    expect(flush).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(5000);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('flushes at the latest maxWait after the first notification of a steady stream', () => {
    const flush = jest.fn();
    const coalescer = new Coalescer(flush, 100, 1000);
    for (let t = 0; t < 1000; t += 50) {
      coalescer.notify();
      jest.advanceTimersByTime(50);
    }
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled', () => {
    const flush = jest.fn();
    const coalescer = new Coalescer(flush, 100, 1000);
    coalescer.notify();
    coalescer.cancel();
    jest.advanceTimersByTime(2000);
    expect(flush).not.toHaveBeenCalled();
  });
});
