import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { shanghaiDate } from '../../../src/domain/calendar.js';
import { useSession } from '../shell/session.js';
import { paths, type Campaign } from './commandApi.js';
import { homeUnit } from './placePath.js';
import { fetchCached, useApi } from './useApi.js';

/**
 * What every command page stands on: the chosen campaign, the server's day (a demo pins its
 * own "now", so the browser's clock is not the campaign's day) and the unit the user commands.
 * The campaign chosen last is remembered on the device; the dashboard asks for its figures at
 * once, without waiting for the list of campaigns.
 */
interface CommandState {
  campaigns: Campaign[] | undefined;
  campaignsError: unknown;
  campaignId: number | undefined;
  campaign: Campaign | undefined;
  chooseCampaign(id: number): void;
  /** The server's calendar day (Asia/Shanghai), undefined until it answered. */
  today: string | undefined;
  /** The unit the user's pages open on, undefined when the user and campaign do not meet. */
  home: string | undefined;
  reloadCampaigns(): void;
}

const Command = createContext<CommandState | null>(null);
const CHOSEN = 'gridvax.campaign';

function rememberedCampaign(): number | undefined {
  const n = Number(localStorage.getItem(CHOSEN));
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The newest campaign still running on `today`, else the newest. */
function defaultCampaign(items: readonly Campaign[], today: string | undefined): Campaign | undefined {
  const running = items.filter((c) => today === undefined || c.deadline >= today);
  return running.at(-1) ?? items.at(-1);
}

export function CommandProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const list = useApi<{ items: Campaign[] }>(paths.campaigns());
  const [chosen, setChosen] = useState<number | undefined>(rememberedCampaign);
  const [today, setToday] = useState<string | undefined>();

  useEffect(() => {
    fetchCached<{ now: string }>(paths.health(), 60_000).then(
      (h) => setToday(shanghaiDate(h.now)),
      () => setToday(shanghaiDate(new Date())),
    );
  }, []);

  const campaigns = list.data?.items;
  // A remembered campaign that is gone (or not this user's) gives way to the default one.
  useEffect(() => {
    if (!campaigns) return;
    if (chosen === undefined || !campaigns.some((c) => c.id === chosen)) {
      const fallback = defaultCampaign(campaigns, today)?.id;
      // Remembered too, so the next visit asks for its figures without waiting for this list.
      if (fallback !== undefined) localStorage.setItem(CHOSEN, String(fallback));
      setChosen(fallback);
    }
  }, [campaigns, chosen, today]);

  const value = useMemo<CommandState>(() => {
    const campaign = campaigns?.find((c) => c.id === chosen);
    const places = user?.places ?? [];
    return {
      campaigns,
      campaignsError: list.error,
      campaignId: chosen,
      campaign,
      chooseCampaign: (id) => {
        localStorage.setItem(CHOSEN, String(id));
        setChosen(id);
      },
      today,
      // Before the list arrives the user's own place is the best guess, and usually right.
      home: campaign ? homeUnit(places, campaign.place) : places[0],
      reloadCampaigns: list.reload,
    };
  }, [campaigns, chosen, today, user, list.error, list.reload]);

  return <Command.Provider value={value}>{children}</Command.Provider>;
}

export function useCommand(): CommandState {
  const c = useContext(Command);
  if (!c) throw new Error('useCommand outside CommandProvider');
  return c;
}
