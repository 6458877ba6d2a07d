"""Agents from the frameworks the team tried."""
from __future__ import annotations

from typing import Any

from agents import Agent, Runner
from crewai import Crew
from haystack import Pipeline
from pydantic_ai import Agent as PydanticAgent
from smolagents import CodeAgent


async def run_openai_agent(agent: Agent, question: str) -> str:  # expect: blocking-call
    result = Runner.run_sync(agent, question)
    return result.final_output


async def run_openai_agent_async(agent: Agent, question: str) -> str:  # expect: clean  # near: blocking-call
    result = await Runner.run(agent, question)
    return result.final_output


async def run_crew(crew: Crew, topic: str) -> Any:  # expect: blocking-call
    return crew.kickoff(inputs={"topic": topic})


async def run_crew_async(crew: Crew, topic: str) -> Any:  # expect: clean  # near: blocking-call
    return await crew.kickoff_async(inputs={"topic": topic})


async def run_pipeline(pipe: Pipeline, query: str) -> dict[str, Any]:  # expect: blocking-call
    return pipe.run({"retriever": {"query": query}, "prompt_builder": {"question": query}})


async def run_pydantic_agent(agent: PydanticAgent, prompt: str) -> Any:  # expect: blocking-call
    return agent.run_sync(prompt).output


async def run_pydantic_agent_async(agent: PydanticAgent, prompt: str) -> Any:  # expect: clean  # near: blocking-call
    return (await agent.run(prompt)).output


async def run_smol(agent: CodeAgent, task: str) -> Any:  # expect: blocking-call
    return agent.run(task)
