import { map } from 'rxjs';
import { shareHot } from '../../lib/index';
import { newScheduler } from '../helpers/marbles';

describe('shareHot', () => {
  it('subscribes to the source once for all subscribers, and unsubscribes after the last', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('--a--b--c--d--e--|');
      const shared = source.pipe(
        map((x) => x.toUpperCase()),
        shareHot(),
      );
      expectObservable(shared, '^-------!').toBe('--A--B--');
      expectObservable(shared, '---^--------!').toBe('-----B--C--D');
      expectSubscriptions(source.subscriptions).toBe('^-----------!');
    });
  });

  it('derives each value once however many subscribers there are', () => {
    newScheduler().run(({ hot, expectObservable, flush }) => {
      const source = hot('--a--b--|');
      let derivations = 0;
      const shared = source.pipe(
        map((x) => (derivations++, x)),
        shareHot(),
      );
      expectObservable(shared).toBe('--a--b--|');
      expectObservable(shared).toBe('--a--b--|');
      expectObservable(shared).toBe('--a--b--|');
      flush();
      expect(derivations).toBe(2);
    });
  });

  it('starts afresh after every subscriber has left', () => {
    newScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('--a--b--c--d--|');
      const shared = source.pipe(shareHot());
      expectObservable(shared, '^---!').toBe('--a-');
      expectObservable(shared, '---------^---!').toBe('-----------d-');
      expectSubscriptions(source.subscriptions).toBe(['^---!', '---------^---!']);
    });
  });
});
