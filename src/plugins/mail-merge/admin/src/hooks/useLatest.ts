import { useLayoutEffect, useRef } from 'react';

/**
 * A ref always holding the latest `value`: for an effect that reads a callback or a value at the
 * time it runs without running again when it changes (a parent's inline callback, new on every
 * render). Updated in a layout effect, so before any effect of the same render reads it.
 */
export const useLatest = <T>(value: T) => {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
};
