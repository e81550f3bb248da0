import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DocumentDetail, DocumentKind, DocumentList, DocumentSummary, DocumentVersion } from '../../contracts/documents.js';
import { api, queryString } from '../api/client.js';

export type { DocumentDetail, DocumentKind, DocumentSummary, DocumentVersion };

export const documentKeys = {
  list: (filters: Record<string, string>) => ['documents', 'list', filters] as const,
  one: (id: string) => ['documents', 'one', id] as const,
};

export const documentPath = (id: string, rest = '') => `/documents/${encodeURIComponent(id)}${rest}`;

/**
 * The library as a worklist's one page: it is small (a few dozen documents), so the server answers
 * it whole and the shared worklist reads it as a list without a next page.
 */
export function useDocumentList(filters: Record<string, string>) {
  const query = useQuery({
    queryKey: documentKeys.list(filters),
    queryFn: () => api.get<DocumentList>(`/documents${queryString(filters)}`),
    placeholderData: keepPreviousData,
  });
  return {
    ...query,
    data: query.data ? { pages: [{ items: query.data.items }] } : undefined,
    kinds: query.data?.kinds ?? [],
    hasNextPage: false,
    isFetchingNextPage: false,
    fetchNextPage: () => undefined,
  };
}

export function useKinds() {
  return useQuery({ queryKey: ['documents', 'kinds'], queryFn: () => api.get<{ items: DocumentKind[] }>('/documents/kinds') });
}

export function useDocument(id: string) {
  return useQuery({ queryKey: documentKeys.one(id), queryFn: () => api.get<DocumentDetail>(documentPath(id)) });
}

/** A write whose answer is the document: the page shows it at once and the list refreshes. */
export function useDocumentWrite<Body>(id: string, send: (body: Body) => Promise<DocumentDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (next) => {
      queryClient.setQueryData(documentKeys.one(id), next);
      void queryClient.invalidateQueries({ queryKey: ['documents', 'list'] });
    },
  });
}
