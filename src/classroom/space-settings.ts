/** A space's own defaults: the policy for ad-hoc /solve and which set each channel practises. */
import { AD_HOC_POLICY, type Policy } from '../policy.ts';
import { updateRecord, type Store, type Versioned } from '../store/store.ts';

const SETTINGS_KEY = 'settings';

/** What an instructor has set for the whole space. */
export interface SpaceSettings extends Versioned {
  /** Policy for problems students bring with /solve. */
  readonly adHocPolicy: Policy;
  /** Channel id -> the set `/practice` uses there when no set is named. */
  readonly channelSets: Readonly<Record<string, string>>;
}

/** The space's settings, with defaults where nothing was set. */
export async function readSpaceSettings(store: Store): Promise<SpaceSettings> {
  return (await store.get<SpaceSettings>(SETTINGS_KEY)) ?? { version: 0, adHocPolicy: AD_HOC_POLICY, channelSets: {} };
}

/** Changes the settings atomically. */
export async function changeSpaceSettings(store: Store, change: (settings: SpaceSettings) => SpaceSettings): Promise<SpaceSettings> {
  const updated = await updateRecord<SpaceSettings>(store, SETTINGS_KEY, (current) =>
    change(current ?? { version: 0, adHocPolicy: AD_HOC_POLICY, channelSets: {} }));
  if (!updated) throw new Error('space settings were not written');
  return updated;
}
