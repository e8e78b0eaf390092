/** « 45 s », « 3 min 20 s », « 1 h 05 min »: a duration for people, from seconds. */
export const formatDuration = (seconds: number) => {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const rest = s % 60;
    return rest ? `${Math.floor(s / 60)} min ${String(rest).padStart(2, '0')} s` : `${s / 60} min`;
  }
  const minutes = Math.round((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h ${String(minutes).padStart(2, '0')} min`;
};
