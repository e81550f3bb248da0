import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BulkAudience } from '../../contracts/notifications.js';
import type { Campaign, CampaignList, CampaignPreview, CreateCampaignBody } from '../../contracts/survey-campaigns.js';
import { api, queryString } from '../api/client.js';

/** Issue 24 §3 (H1): survey campaigns' calls — list, preview count, create, one campaign, cancel. */
export type { Campaign, CampaignPreview, CreateCampaignBody };

const keys = {
  all: ['survey-campaigns'] as const,
  list: ['survey-campaigns', 'list'] as const,
  one: (id: string) => ['survey-campaigns', 'one', id] as const,
  preview: (audience: BulkAudience, includePaper: boolean) => ['survey-campaigns', 'preview', audience, includePaper] as const,
};
/** Progress is re-read this often while a campaign is scheduled or sending. */
const REFRESH_MS = 2_500;
const isWorking = (campaign: Campaign) => campaign.status === 'scheduled' || campaign.status === 'sending';

export function useCampaigns() {
  return useInfiniteQuery({
    queryKey: keys.list,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<CampaignList>(`/surveys/campaigns${queryString({ cursor: pageParam, limit: 20 })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some(isWorking)) ? REFRESH_MS : false),
  });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: keys.one(id),
    queryFn: () => api.get<Campaign>(`/surveys/campaigns/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (query.state.data && isWorking(query.state.data) ? REFRESH_MS : false),
  });
}

/** The audience counted live before creating (the bulk-send engine's count, and who would be asked). */
export function useCampaignPreview(audience: BulkAudience, includePaper: boolean) {
  return useQuery({
    queryKey: keys.preview(audience, includePaper),
    queryFn: () => api.post<CampaignPreview>('/surveys/campaigns/preview', { audience, includePaper }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCampaignBody) => api.post<Campaign>('/surveys/campaigns', body),
    onSuccess: (campaign) => {
      queryClient.setQueryData(keys.one(campaign.id), campaign);
      void queryClient.invalidateQueries({ queryKey: keys.list });
    },
  });
}

export function useCancelCampaign(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Campaign>(`/surveys/campaigns/${encodeURIComponent(id)}/cancel`),
    onSuccess: (campaign) => {
      queryClient.setQueryData(keys.one(id), campaign);
      void queryClient.invalidateQueries({ queryKey: keys.all });
    },
  });
}
