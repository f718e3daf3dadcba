/** The reports API as the dashboard reads it (see the README, "Reports API"). */
import type { SurveyType } from '../../../src/scales.js';

export type { SurveyType };
export type Bucket = 'day' | 'week' | 'month';
export type Group = 'detractor' | 'passive' | 'promoter' | 'low' | 'high';

/** A figure with its 95 % interval; all null without answers, the interval null when it cannot be had. */
export interface Figure {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

export interface Summary {
  count: number;
  fewAnswers: boolean;
  figure: Figure;
  displays: number;
  responseRate: Figure;
  completed: number;
  completionRate: Figure;
}

export interface TrendPoint extends Summary {
  start: string;
  end: string;
}

export interface Report extends Summary {
  surveyId: string;
  type: SurveyType;
  filter: Record<string, string>;
  shareHigh?: Figure;
  distribution: Array<{ score: number; count: number }>;
  groups: Record<string, { count: number; share: Figure }>;
  touchpoints: Array<Summary & { touchpoint: string | null }>;
  trend: { bucket: Bucket; chosen: boolean; points: TrendPoint[] };
  comparison: null | {
    previous: { from: string; to: string; count: number; fewAnswers: boolean; figure: Figure };
    change: Figure;
    beyondChance: boolean | null;
  };
  options: { touchpoints: string[]; languages: string[] };
}

export interface SurveySummary {
  surveyId: string;
  type: SurveyType;
  count: number;
  lastAnsweredAt: string | null;
}

export interface Comment {
  id: string;
  score: number;
  group: Group;
  comment: string;
  touchpoint: string | null;
  locale: string;
  complete: boolean;
  pageUrl: string;
  metadata: Record<string, unknown> | null;
  answeredAt: string | null;
}

export interface CommentPage {
  total: number;
  comments: Comment[];
  next: string | null;
}

/** What the report is asked for. */
export interface ReportQuery {
  from: string;
  to: string;
  tz: string;
  touchpoint: string;
  bucket: '' | Bucket;
  calendar: 'gregory' | 'persian';
}

/** What the comments are asked for, besides the report's query. */
export interface CommentQuery {
  q: string;
  group: '' | Group;
  score: string;
  lang: string;
}
