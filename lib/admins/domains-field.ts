// The domain checkboxes of the admin form. FormData repeats the `domains` key once per checked box,
// but a zod object sees one value per key: the actions join them, and a refused form splits the echo.

export const DOMAIN_SEPARATOR = '\n';

/** A copy of the form with every value of a repeated field (checkboxes) joined into one. */
export function joinRepeatedField(formData: FormData, name: string): FormData {
  const copy = new FormData();
  for (const [key, value] of formData.entries()) if (key !== name) copy.append(key, value);
  const values = formData.getAll(name).filter((v): v is string => typeof v === 'string');
  if (values.length) copy.set(name, values.join(DOMAIN_SEPARATOR));
  return copy;
}

/** The domains echoed back by a refused form. */
export function splitEchoedDomains(value: string | undefined): string[] {
  return (value ?? '').split(DOMAIN_SEPARATOR).filter(Boolean);
}
