import type { UseFormReturnType } from '@mantine/form';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asProblem, fieldErrorMessage, fieldPathOf, problemMessage } from './problems.js';

const NO_CODE_FIELDS: Record<string, string> = {};

/**
 * Places a failed request's field errors under the matching inputs and keeps the rest as one
 * sentence for an Alert. `codeFields` sends whole-request codes to a field (a taken username
 * belongs under the username input).
 */
export function useFormProblem<Values>(
  form: UseFormReturnType<Values, any>,
  { codeFields = NO_CODE_FIELDS }: { codeFields?: Record<string, string> } = {},
) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);

  const handle = useCallback(
    (error: unknown) => {
      const problem = asProblem(error);
      const values = form.getValues() as Record<string, unknown>;
      const hasField = (path: string) => (path.split('.')[0] as string) in values;
      const unplaced: string[] = [];
      const fieldErrors: Record<string, string> = {};
      for (const fieldError of problem.errors ?? []) {
        const path = fieldPathOf(fieldError.pointer);
        const text = fieldErrorMessage(t, fieldError.code);
        if (path && hasField(path)) fieldErrors[path] ??= text;
        else unplaced.push(text);
      }
      const codeField = codeFields[problem.code];
      if (codeField && hasField(codeField)) fieldErrors[codeField] = problemMessage(t, problem);
      form.setErrors(fieldErrors);
      const isPlaced = Object.keys(fieldErrors).length > 0 && unplaced.length === 0;
      setMessage(isPlaced ? null : [problemMessage(t, problem), ...unplaced].join(' '));
    },
    [form, t, codeFields],
  );

  const clear = useCallback(() => setMessage(null), []);
  return { message, handle, clear };
}
