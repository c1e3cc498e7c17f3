import { absoluteTime, relativeTime } from '../lib/time';

/** A relative time with the absolute one on hover and in the machine-readable attribute. */
export function RelTime({ iso, now }: { iso: string; now: Date }) {
  return (
    <time className="num" dateTime={iso} title={absoluteTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}
