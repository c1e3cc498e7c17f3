// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdEarlyInput } from '../../renderer/lib/early-input';

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

describe('holdEarlyInput', () => {
  it('keeps a click from doing anything until released, then gives it to the same element', () => {
    vi.useFakeTimers();
    const root = served('<form><button>Save</button></form>');
    const submitted = vi.fn((e: Event) => e.preventDefault());
    root.querySelector('form')?.addEventListener('submit', submitted);
    const clicked = vi.fn();
    const early = holdEarlyInput(root);
    root.querySelector('button')?.click();
    // A served form's default submit would reload the page: held, it does not happen.
    expect(submitted).not.toHaveBeenCalled();
    root.addEventListener('click', clicked);
    early.release();
    vi.runAllTimers();
    expect(clicked).toHaveBeenCalledTimes(1);
    expect(submitted).toHaveBeenCalledTimes(1);
  });

  it('gives the clicks, in order, to the elements at the same places in a tree drawn afresh', () => {
    vi.useFakeTimers();
    const root = served('<nav><button>Now</button><button>History</button></nav><p>12:00</p>');
    const early = holdEarlyInput(root);
    const [, history] = root.querySelectorAll('button');
    history?.click();
    root.querySelector('p')?.click();
    root.innerHTML = '<nav><button>Now</button><button>History</button></nav><p>06:00</p>';
    const got: string[] = [];
    root.addEventListener('click', (e) => got.push((e.target as Element).textContent ?? ''));
    early.release();
    expect(got).toEqual([]);
    // One per task, so React has applied the first before the second is placed.
    vi.advanceTimersToNextTimer();
    expect(got).toEqual(['History']);
    vi.runAllTimers();
    expect(got).toEqual(['History', '06:00']);
  });

  it('puts typed text back as typing would, and the focus where it was', () => {
    vi.useFakeTimers();
    const root = served('<textarea></textarea><input type="text"><button>Save</button>');
    const early = holdEarlyInput(root);
    const box = root.querySelector('textarea') as HTMLTextAreaElement;
    box.focus();
    box.value = 'typed early';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    root.querySelector('button')?.click();
    // React sets the fields to its state when it takes the page over, and focuses another one.
    early.freeze();
    box.value = '';
    root.querySelector('input')?.focus();
    const seen: string[] = [];
    root.addEventListener('input', (e) => seen.push((e.target as HTMLTextAreaElement).value));
    root.addEventListener('click', () => seen.push(`click with ${box.value}`));
    early.release();
    expect(box.value).toBe('typed early');
    expect(document.activeElement).toBe(box);
    vi.runAllTimers();
    // The text is back (and its change heard) before the held click on Save.
    expect(seen).toEqual(['typed early', 'click with typed early']);
  });

  it('puts a choice in a list back, and leaves a checkbox to its click', () => {
    vi.useFakeTimers();
    const root = served(
      '<select><option value="a">A</option><option value="b">B</option></select><input type="checkbox">',
    );
    const early = holdEarlyInput(root);
    const select = root.querySelector('select') as HTMLSelectElement;
    select.value = 'b';
    select.dispatchEvent(new Event('input', { bubbles: true }));
    const box = root.querySelector('input') as HTMLInputElement;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    early.freeze();
    select.value = 'a';
    const heard: string[] = [];
    root.addEventListener('change', (e) => heard.push((e.target as HTMLElement).tagName));
    root.addEventListener('input', (e) => heard.push((e.target as HTMLElement).tagName));
    early.release();
    vi.runAllTimers();
    expect(select.value).toBe('b');
    expect(box.value).toBe('on');
    expect(heard).toEqual(['SELECT']);
  });

  it('leaves what happens outside the root alone, and holds nothing once released', () => {
    const root = served('<button>In</button>');
    const outside = document.createElement('button');
    document.body.append(outside);
    const seen = vi.fn();
    document.body.addEventListener('click', seen);
    const early = holdEarlyInput(root);
    outside.click();
    expect(seen).toHaveBeenCalledTimes(1);
    early.release();
    early.release();
    root.querySelector('button')?.click();
    expect(seen).toHaveBeenCalledTimes(2);
  });
});
