// Stand-in for `trailbase-wasm/job` with the same exports and helper schedules as
// TrailBase's guest package. Unlike the original, the constructor does not throw on an
// invalid spec: the loader reports it as a problem at the declaring line instead.
import { rememberDeclaration } from './runtime';

export type JobHandlerType = () => void | Promise<void>;

export type JobHandlerInterface = {
  name: string;
  spec: string;
  handler: JobHandlerType;
};

export class JobHandler implements JobHandlerInterface {
  constructor(
    public readonly name: string,
    public readonly spec: string,
    public readonly handler: JobHandlerType,
  ) {
    rememberDeclaration(this);
  }

  static hourly(name: string, handler: JobHandlerType): JobHandler {
    return new JobHandler(name, '@hourly', handler);
  }

  /** Fires at second 5 of every minute, as TrailBase's TypeScript helper does. */
  static minutely(name: string, handler: JobHandlerType): JobHandler {
    return new JobHandler(name, '5 * * * * *', handler);
  }
}
