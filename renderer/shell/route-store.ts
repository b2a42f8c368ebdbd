import { create } from 'zustand';
import { routeHash } from './route';

interface RouteStore {
  view: string;
  /** Set from the hash; navigate() writes the hash and hashchange brings it back here. */
  setView(view: string): void;
  navigate(view: string): void;
}

export const useRoute = create<RouteStore>((set) => ({
  view: '',
  setView: (view) => set({ view }),
  navigate: (view) => {
    set({ view });
    if (location.hash !== routeHash(view)) location.hash = routeHash(view);
  },
}));
