// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdEarlyClicks } from '../../renderer/lib/early-clicks';

afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
});

function served(html: string): HTMLElement {
  const root = document.createElement('div');
  root.id = 'root';
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

describe('holdEarlyClicks', () => {
  it('keeps a click from doing anything until released, then gives it to the same element', () => {
    const root = served('<form><button>Save</button></form>');
    const submitted = vi.fn((e: Event) => e.preventDefault());
    root.querySelector('form')?.addEventListener('submit', submitted);
    const clicked = vi.fn();
    const early = holdEarlyClicks(root);
    root.querySelector('button')?.click();
    // A served form's default submit would reload the page: held, it does not happen.
    expect(submitted).not.toHaveBeenCalled();
    root.addEventListener('click', clicked);
    early.release();
    expect(clicked).toHaveBeenCalledTimes(1);
    expect(submitted).toHaveBeenCalledTimes(1);
  });

  it('gives the clicks, in order, to the elements at the same places in a tree drawn afresh', () => {
    vi.useFakeTimers();
    const root = served('<nav><button>Now</button><button>History</button></nav><p>12:00</p>');
    const early = holdEarlyClicks(root);
    const [, history] = root.querySelectorAll('button');
    history?.click();
    root.querySelector('p')?.click();
    root.innerHTML = '<nav><button>Now</button><button>History</button></nav><p>06:00</p>';
    const got: string[] = [];
    root.addEventListener('click', (e) => got.push((e.target as Element).textContent ?? ''));
    early.release();
    // One per task, so React has applied the first before the second is placed.
    expect(got).toEqual(['History']);
    vi.runAllTimers();
    expect(got).toEqual(['History', '06:00']);
  });

  it('leaves clicks outside the root alone, and holds nothing once released', () => {
    const root = served('<button>In</button>');
    const outside = document.createElement('button');
    document.body.append(outside);
    const seen = vi.fn();
    document.body.addEventListener('click', seen);
    const early = holdEarlyClicks(root);
    outside.click();
    expect(seen).toHaveBeenCalledTimes(1);
    early.release();
    early.release();
    root.querySelector('button')?.click();
    expect(seen).toHaveBeenCalledTimes(2);
  });
});
