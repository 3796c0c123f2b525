import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Screens narrower than this get the phone layout (navigation in a drawer). */
export const MOBILE_BREAKPOINT = 768;

/** Whether the viewport is phone-sized, kept up to date as it changes. */
export function useIsMobile(): Ref<boolean> {
  const query = window.matchMedia(`(max-width: ${MOBILE_BREAKPOINT - 1}px)`);
  const isMobile = ref(query.matches);
  const update = (e: MediaQueryListEvent) => {
    isMobile.value = e.matches;
  };
  query.addEventListener('change', update);
  onBeforeUnmount(() => query.removeEventListener('change', update));
  return isMobile;
}
