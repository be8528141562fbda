export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The same work done the most direct way, measured in the same run. */
  floor?: number;
  /** How close to the floor: 1 means as fast as the floor; higher is better. */
  ratio?: number;
  note?: string;
}
